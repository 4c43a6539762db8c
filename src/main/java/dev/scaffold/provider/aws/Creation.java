package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one create path every handler takes: the create call, then AWS's "already exists" recovered,
 * then the new resource recorded in the state before anything else happens to it.
 *
 * <p>"Already exists" mostly means the call was made before: its first attempt was carried out but the
 * answer was lost on the way, and the SDK's retry found the work done. The resource is then this
 * stack's and carries every {@code scaffold:*} tag of the spec (its lineage too), so the create goes
 * on with it as if the first attempt had answered. A resource of that name without those tags belongs
 * to someone else; the create fails and says whose it is, and scaffold leaves it alone.
 *
 * @param <T> what the create goes on with, e.g. the load balancer as AWS describes it, or its ARN
 */
public final class Creation<T> {

    private static final Logger LOG = LogManager.getLogger(Creation.class);
    private static final String TAG_PREFIX = "scaffold:";
    /** The tags that tell a user most about whose a resource is, first. */
    private static final List<String> TELLING_FIRST = List.of(StackTags.STACK, StackTags.ENVIRONMENT,
            StackTags.LINEAGE, StackTags.ADDRESS);

    private final ApplyContext ctx;
    private final ResourceSpec spec;
    private final String operation;
    private final CompletableFuture<T> made;

    private Creation(ApplyContext ctx, ResourceSpec spec, String operation, CompletableFuture<T> made) {
        this.ctx = ctx;
        this.spec = spec;
        this.operation = operation;
        this.made = made;
    }

    /**
     * Makes the create call, bounded by the executor.
     *
     * @param operation the create call, e.g. {@code CreateLoadBalancer}
     * @param made takes what the create goes on with out of AWS's answer
     */
    public static <R, T> Creation<T> call(ApplyContext ctx, ResourceSpec spec, String operation,
                                          Supplier<CompletableFuture<R>> call, Function<R, T> made) {
        return new Creation<>(ctx, spec, operation, ApplyCalls.call(ctx, operation, call).thenApply(made));
    }

    /**
     * As {@link #call}, for a create that is more than one call: {@code made} completes with what the create goes on
     * with, e.g. once a call AWS refused for a while went through ({@link ApplyCalls#retrying}), once a read gave
     * what AWS's answer left out, or once a create found again by its tags ({@link CreationByTags}).
     *
     * @param operation the create call, e.g. {@code CreateAutoScalingGroup}
     */
    public static <T> Creation<T> of(ApplyContext ctx, ResourceSpec spec, String operation, CompletableFuture<T> made) {
        return new Creation<>(ctx, spec, operation, made);
    }

    /**
     * When AWS answers {@code code}, goes on with the resource that {@code lookup} finds by the spec's
     * deterministic identity, if it carries the spec's {@code scaffold:*} tags; any other failure stays.
     *
     * @param what the resource in words, e.g. {@code a load balancer named shop-web}
     * @param lookup finds the resource by name (and whatever else identifies it), with its tags; empty if none
     */
    public Creation<T> orExisting(String code, String what, Supplier<CompletableFuture<Optional<Tagged<T>>>> lookup) {
        return new Creation<>(ctx, spec, operation, made.exceptionallyCompose(failure -> {
            if (!AwsErrors.hasCode(failure, Set.of(code))) {
                return CompletableFuture.failedFuture(AwsErrors.unwrap(failure));
            }
            Throwable cause = AwsErrors.unwrap(failure);
            return lookup.get().thenApply(found -> existing(code, what, cause, found));
        }));
    }

    /**
     * Records the resource in the state as soon as AWS has made it ({@link ApplyContext#created}), so a
     * failure or an interruption after this point keeps the record; then goes on with it.
     */
    public CompletableFuture<T> recorded(Function<T, Observed> observed) {
        return made.thenApply(resource -> {
            ctx.created(observed.apply(resource));
            return resource;
        });
    }

    private T existing(String code, String what, Throwable cause, Optional<Tagged<T>> found) {
        Tagged<T> existing = found.orElseThrow(() -> new HandlerException(ctx.address(), operation, code,
                "AWS answered that " + what + " already exists, but describing it found none; run again", cause));
        String whose = otherOwner(spec.tags(), existing.tags());
        if (whose != null) {
            throw new HandlerException(ctx.address(), operation, code, what + " already exists and is not this"
                    + " stack's (" + whose + "); delete it or rename the tier in the blueprint, then run again", cause);
        }
        LOG.debug("{}: {} answered {}, and {} carries this stack's tags: going on with it",
                ctx.address(), operation, code, what);
        return existing.resource();
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
