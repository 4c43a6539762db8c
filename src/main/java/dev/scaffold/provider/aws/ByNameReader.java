package dev.scaffold.provider.aws;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Finds resources from the desired specs by their deterministic names, where the stack's tagging read
 * cannot: children that cannot carry tags or that the regional tagging API does not return (listeners,
 * scaling policies, IAM's global roles), so that a crash right after their create never makes them
 * twice; and named resources the stack is about to create, so that a plan sees the same-named resource
 * of another stack that the create would meet.
 *
 * <p>The refs among the attributes that name a resource (a listener's load balancer, a group's VPC) are
 * resolved from what the reads before this one found ({@link ReadContext#resolve}); a spec whose naming
 * refs are not found has nothing to find.
 * A resource found for a spec stands at the spec's address with its own tags, or, for a child that
 * cannot carry tags, with its parent's: a child is this state's when its parent is.
 *
 * @param <K> what identifies a resource by name, e.g. a load balancer's ARN and a port
 * @param <T> the SDK's description of the resource
 */
public final class ByNameReader<K, T> {

    private final List<String> keyAttributes;
    private final Function<Attributes, K> keyOfSpec;
    private final Function<T, K> keyOf;
    private final BiFunction<ApiCalls, Set<K>, CompletableFuture<List<T>>> lookup;
    private final BiFunction<ReadContext, List<Wanted<T>>, Map<T, Map<String, String>>> tags;

    private record Wanted<T>(ResourceSpec spec, T resource) {
    }

    private ByNameReader(List<String> keyAttributes, Function<Attributes, K> keyOfSpec, Function<T, K> keyOf,
                         BiFunction<ApiCalls, Set<K>, CompletableFuture<List<T>>> lookup,
                         BiFunction<ReadContext, List<Wanted<T>>, Map<T, Map<String, String>>> tags) {
        this.keyAttributes = List.copyOf(keyAttributes);
        this.keyOfSpec = keyOfSpec;
        this.keyOf = keyOf;
        this.lookup = lookup;
        this.tags = tags;
    }

    /**
     * A reader of resources whose descriptions carry their tags.
     *
     * @param keyAttributes the attributes of a spec that name its resource
     * @param keyOfSpec what those attributes, their refs resolved, name
     * @param keyOf what a description names
     * @param lookup describes the resources of these names, each call made by the given calls, as few as AWS
     *     allows; absent ones are left out
     */
    public static <K, T> ByNameReader<K, T> withTags(List<String> keyAttributes, Function<Attributes, K> keyOfSpec,
                                                     Function<T, K> keyOf,
                                                     BiFunction<ApiCalls, Set<K>, CompletableFuture<List<T>>> lookup,
                                                     Function<T, Map<String, String>> tagsOf) {
        return new ByNameReader<>(keyAttributes, keyOfSpec, keyOf, lookup, (ctx, wanted) -> {
            Map<T, Map<String, String>> tags = new LinkedHashMap<>();
            wanted.forEach(w -> tags.put(w.resource(), tagsOf.apply(w.resource())));
            return tags;
        });
    }

    /** A reader of resources whose tags the service reads apart ({@code serviceTags}, by {@code idOf}). */
    public static <K, T> ByNameReader<K, T> withTags(List<String> keyAttributes, Function<Attributes, K> keyOfSpec,
                                                     Function<T, K> keyOf,
                                                     BiFunction<ApiCalls, Set<K>, CompletableFuture<List<T>>> lookup,
                                                     ServiceTags serviceTags, Function<T, String> idOf) {
        return new ByNameReader<>(keyAttributes, keyOfSpec, keyOf, lookup, (ctx, wanted) -> {
            Map<String, Map<String, String>> byId = ReadCalls.join(serviceTags.read(
                    ReadCalls.of(ctx),
                    wanted.stream().map(w -> idOf.apply(w.resource())).toList()));
            Map<T, Map<String, String>> tags = new LinkedHashMap<>();
            wanted.forEach(w -> Optional.ofNullable(byId.get(idOf.apply(w.resource())))
                    .ifPresent(found -> tags.put(w.resource(), found)));
            return tags;
        });
    }

    /**
     * A reader of children that cannot carry tags: each is owned through the resource that the spec's
     * {@code parentAttribute} refers to, and stands with that parent's stack, environment and lineage.
     */
    public static <K, T> ByNameReader<K, T> ownedThrough(String parentAttribute, List<String> keyAttributes,
                                                         Function<Attributes, K> keyOfSpec, Function<T, K> keyOf,
                                                         BiFunction<ApiCalls, Set<K>, CompletableFuture<List<T>>> lookup) {
        return new ByNameReader<>(keyAttributes, keyOfSpec, keyOf, lookup, (ctx, wanted) -> {
            Map<T, Map<String, String>> tags = new LinkedHashMap<>();
            for (Wanted<T> w : wanted) {
                if (w.spec().attributes().get(parentAttribute) instanceof Ref parent) {
                    ctx.earlier().at(parent.address()).ifPresent(found ->
                            tags.put(w.resource(), ownershipOf(found, w.spec().address())));
                }
            }
            return tags;
        });
    }

    /**
     * The resources of the {@code desired} specs that stand at none of {@code found}'s addresses, each at
     * its spec's address. Makes no call when there is nothing to look for.
     */
    public List<Found<T>> read(Collection<ResourceSpec> desired, Collection<? extends Found<?>> found, ReadContext ctx) {
        Set<ResourceAddress> known = new HashSet<>();
        found.forEach(f -> known.add(f.address()));
        Map<K, ResourceSpec> byKey = new LinkedHashMap<>();
        for (ResourceSpec spec : desired) {
            if (spec.mode() == Mode.MANAGED && !known.contains(spec.address())) {
                ctx.resolve(spec, keyAttributes)
                        .ifPresent(named -> byKey.putIfAbsent(keyOfSpec.apply(Attributes.of(named)), spec));
            }
        }
        if (byKey.isEmpty()) {
            return List.of();
        }
        List<Wanted<T>> wanted = new ArrayList<>();
        for (T resource : ReadCalls.join(lookup.apply(ReadCalls.of(ctx), byKey.keySet()))) {
            ResourceSpec spec = byKey.get(keyOf.apply(resource));
            if (spec != null) {
                wanted.add(new Wanted<>(spec, resource));
            }
        }
        Map<T, Map<String, String>> tagsOf = wanted.isEmpty() ? Map.of() : tags.apply(ctx, wanted);
        List<Found<T>> result = new ArrayList<>();
        for (Wanted<T> w : wanted) {
            Map<String, String> resourceTags = tagsOf.get(w.resource());
            if (resourceTags != null) {
                result.add(new Found<>(w.spec().address(), w.resource(), resourceTags));
            }
        }
        return result;
    }

    /** The ownership tags a child takes from its parent, at its own address. */
    private static Map<String, String> ownershipOf(Observed parent, ResourceAddress child) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : List.of(StackTags.STACK, StackTags.ENVIRONMENT, StackTags.LINEAGE)) {
            if (parent.tags().containsKey(key)) {
                tags.put(key, parent.tags().get(key));
            }
        }
        tags.put(StackTags.ADDRESS, child.toString());
        return tags;
    }
}
