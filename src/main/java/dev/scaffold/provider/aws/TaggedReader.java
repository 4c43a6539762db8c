package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a handler finds the stack's resources of its type: the ids the state knows and those of the
 * resources the Resource Groups Tagging API returns tagged with the stack ({@link TaggedResources}, one
 * paged read per refresh that every handler shares) are described in batches, as many per call as AWS
 * takes ({@link IdBatches}); their tags come with the description, from the tagging read, or from the
 * service's tag read for the rest. So the cost grows with the stack, never with the region, and with
 * nothing known and nothing tagged the read makes no call of its own.
 *
 * @param <T> the SDK's description of the resource
 */
public final class TaggedReader<T> {

    private final AwsClients aws;
    private final ArnType arnType;
    private final Function<String, String> idOfArn;
    private final Function<T, String> idOf;
    private final String operation;
    private final int batchSize;
    private final Set<String> gone;
    private final Function<List<String>, CompletableFuture<List<T>>> describe;
    private final BiFunction<T, Map<String, Map<String, String>>, Map<String, String>> tagsOf;
    private final ServiceTags serviceTags;
    private final ByNameReader<?, T> byName;

    private TaggedReader(Builder<T> builder) {
        this.aws = builder.aws;
        this.arnType = builder.arnType;
        this.idOfArn = builder.idOfArn;
        this.idOf = builder.idOf;
        this.operation = builder.operation;
        this.batchSize = builder.batchSize;
        this.gone = builder.gone;
        this.describe = builder.describe;
        this.tagsOf = builder.tagsOf;
        this.serviceTags = builder.serviceTags;
        this.byName = builder.byName == null ? null : builder.byName.apply(builder);
    }

    /**
     * Starts the declaration of a reader of resources whose ARNs are of {@code arnType}.
     *
     * @param idOf the id a resource is known by in the state and described by, e.g. its ARN
     */
    public static <T> Builder<T> of(AwsClients aws, ArnType arnType, Function<T, String> idOf) {
        return new Builder<>(aws, arnType, idOf);
    }

    /**
     * The stack's resources of the type, each at its address with its tags: those found by id, then
     * those the by-name read finds for the {@code desired} specs that none of them stands for.
     */
    public List<Found<T>> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        List<Found<T>> found = read(known, ctx);
        if (byName != null) {
            found.addAll(byName.read(desired, found, ctx));
        }
        return found;
    }

    /** The stack's resources of the type that the state knows or the tagging read returned. */
    private List<Found<T>> read(Collection<ResourceState> known, ReadContext ctx) {
        StackResources stack = new StackResources(known, ctx);
        Map<String, Map<String, String>> tagged = new HashMap<>();
        TaggedResources.read(aws.tagging(), ctx).of(arnType).forEach((arn, tags) -> tagged.put(idOfArn.apply(arn), tags));
        List<T> described = IdBatches.describe(ctx, operation, stack.toDescribe(tagged.keySet()), batchSize, gone,
                describe);
        Map<String, Map<String, String>> read = readTags(ctx, described, tagged);
        List<Found<T>> found = new ArrayList<>();
        for (T resource : described) {
            String id = idOf.apply(resource);
            Map<String, String> tags = tagsOf != null ? tagsOf.apply(resource, tagged) : read.get(id);
            ResourceAddress address = tags == null ? null : stack.addressOf(id, tags);
            if (address != null) {
                found.add(new Found<>(address, resource, tags));
            }
        }
        return found;
    }

    /** The tags of the described resources that neither the description nor the tagging read gave. */
    private Map<String, Map<String, String>> readTags(ReadContext ctx, List<T> described,
                                                      Map<String, Map<String, String>> tagged) {
        if (serviceTags == null) {
            return Map.of();
        }
        Map<String, Map<String, String>> tags = new HashMap<>();
        List<String> untagged = new ArrayList<>();
        for (T resource : described) {
            String id = idOf.apply(resource);
            if (tagged.containsKey(id)) {
                tags.put(id, tagged.get(id));
            } else {
                untagged.add(id);
            }
        }
        if (!untagged.isEmpty()) {
            tags.putAll(ReadCalls.join(serviceTags.read(ReadCalls.of(ctx), untagged)));
        }
        return tags;
    }

    /** Declares a {@link TaggedReader}: how resources are described, and where their tags come from. */
    public static final class Builder<T> {
        private final AwsClients aws;
        private final ArnType arnType;
        private final Function<T, String> idOf;
        private Function<String, String> idOfArn = arn -> arn;
        private String operation;
        private int batchSize;
        private Set<String> gone = Set.of();
        private Function<List<String>, CompletableFuture<List<T>>> describe;
        private BiFunction<T, Map<String, Map<String, String>>, Map<String, String>> tagsOf;
        private ServiceTags serviceTags;
        private Function<Builder<T>, ByNameReader<?, T>> byName;

        private Builder(AwsClients aws, ArnType arnType, Function<T, String> idOf) {
            this.aws = aws;
            this.arnType = arnType;
            this.idOf = idOf;
        }

        /** The id a resource is known by, taken from its ARN; by default the ARN itself. */
        public Builder<T> idFromArn(Function<String, String> idOfArn) {
            this.idOfArn = idOfArn;
            return this;
        }

        /**
         * Describes resources by id.
         *
         * @param batchSize the most ids one call takes
         * @param gone the error codes with which the call says that one of its ids no longer exists
         */
        public Builder<T> describedBy(String operation, int batchSize, Set<String> gone,
                                      Function<List<String>, CompletableFuture<List<T>>> describe) {
            this.operation = operation;
            this.batchSize = batchSize;
            this.gone = Set.copyOf(gone);
            this.describe = describe;
            return this;
        }

        /** The description carries the tags. */
        public Builder<T> tagsFromDescription(Function<T, Map<String, String>> tags) {
            this.tagsOf = (resource, tagged) -> tags.apply(resource);
            return this;
        }

        /** The tagging read's tags, and for the rest the service's tag read. */
        public Builder<T> tagsFrom(ServiceTags tags) {
            this.serviceTags = tags;
            return this;
        }

        /**
         * Also finds, by their names, the desired resources that the tagged read did not find ({@link ByNameReader}),
         * their tags from the same source.
         *
         * @param keyAttributes the attributes of a spec that name its resource
         * @param keyOfSpec what those attributes, their refs resolved, name
         * @param keyOf what a description names
         * @param lookup describes the resources of these names, absent ones left out
         */
        public <K> Builder<T> alsoByName(List<String> keyAttributes, Function<Attributes, K> keyOfSpec,
                                         Function<T, K> keyOf,
                                         BiFunction<ApiCalls, Set<K>, CompletableFuture<List<T>>> lookup) {
            this.byName = declared -> declared.tagsOf != null
                    ? ByNameReader.withTags(keyAttributes, keyOfSpec, keyOf, lookup,
                            resource -> declared.tagsOf.apply(resource, Map.of()))
                    : ByNameReader.withTags(keyAttributes, keyOfSpec, keyOf, lookup, declared.serviceTags, declared.idOf);
            return this;
        }

        public TaggedReader<T> build() {
            if (describe == null || (tagsOf == null) == (serviceTags == null)) {
                throw new IllegalStateException("a tagged reader needs a describe and one source of tags");
            }
            return new TaggedReader<>(this);
        }
    }
}
