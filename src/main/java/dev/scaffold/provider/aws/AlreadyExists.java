package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.schema.StackTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Carries on a create that AWS answered "already exists".
 *
 * <p>Mostly that answer means the call was made before: its first attempt was carried out but the
 * answer was lost on the way, and the SDK's retry found the work done. The resource is then this
 * stack's and carries every {@code scaffold:*} tag of the spec (its lineage too), so the create goes
 * on with it as if the first attempt had answered. A resource of that name without those tags belongs
 * to someone else; the create fails and says whose it is, and scaffold leaves it alone.
 */
final class AlreadyExists {

    private static final Logger LOG = LogManager.getLogger(AlreadyExists.class);
    private static final String TAG_PREFIX = "scaffold:";
    /** The tags that tell a user most about whose a resource is, first. */
    private static final List<String> TELLING_FIRST = List.of(StackTags.STACK, StackTags.ENVIRONMENT,
            StackTags.LINEAGE, StackTags.ADDRESS);

    private AlreadyExists() {
    }

    /**
     * A resource found where a create meant to make one.
     *
     * @param resource what the create goes on with, e.g. the load balancer as AWS describes it
     * @param tags     the tags it carries
     */
    record Found<T>(T resource, Map<String, String> tags) {
    }

    /**
     * The resource a failed create may go on with: when {@code failure} is AWS's {@code code}, the one
     * {@code lookup} finds by the spec's deterministic identity, if it carries the spec's
     * {@code scaffold:*} tags; any other failure is passed on as it is.
     *
     * @param operation the create call, e.g. {@code CreateLoadBalancer}
     * @param code      AWS's "already exists" error code of that call
     * @param what      the resource in words, e.g. {@code a load balancer named shop-web}
     * @param lookup    finds the resource by name (and whatever else identifies it), empty if none
     */
    static <T> CompletableFuture<T> recover(ApplyContext ctx, ResourceSpec spec, String operation, String code,
                                            String what, Throwable failure,
                                            Supplier<CompletableFuture<Optional<Found<T>>>> lookup) {
        if (!AwsCalls.hasErrorCode(failure, Set.of(code))) {
            return CompletableFuture.failedFuture(AwsCalls.unwrap(failure));
        }
        Throwable cause = AwsCalls.unwrap(failure);
        return lookup.get().thenApply(found -> {
            Found<T> existing = found.orElseThrow(() -> new HandlerException(ctx.address(), operation, code,
                    "AWS answered that " + what + " already exists, but describing it found none; run again", cause));
            String whose = otherOwner(spec.tags(), existing.tags());
            if (whose != null) {
                throw new HandlerException(ctx.address(), operation, code, what + " already exists and is not this"
                        + " stack's (" + whose + "); delete it or rename the tier in the blueprint, then run again",
                        cause);
            }
            LOG.debug("{}: {} answered {}, and {} carries this stack's tags: going on with it",
                    ctx.address(), operation, code, what);
            return existing.resource();
        });
    }

    /** How the found tags show another owner, e.g. {@code its scaffold:stack is blog, not shop}; {@code null} if none. */
    private static String otherOwner(Map<String, String> desired, Map<String, String> found) {
        List<String> keys = new ArrayList<>(TELLING_FIRST);
        desired.keySet().stream().sorted().filter(key -> !keys.contains(key)).forEach(keys::add);
        for (String key : keys) {
            String want = desired.get(key);
            if (!key.startsWith(TAG_PREFIX) || want == null || Objects.equals(want, found.get(key))) {
                continue;
            }
            return found.containsKey(key)
                    ? "its " + key + " is " + found.get(key) + ", not " + want
                    : "it has no " + key + " tag";
        }
        return null;
    }
}
