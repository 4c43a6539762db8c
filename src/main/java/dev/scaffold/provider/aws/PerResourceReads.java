package dev.scaffold.provider.aws;

import dev.scaffold.state.Observed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What a read adds to each resource it found with calls of that resource's own, where AWS has no batched
 * form of them (a KMS key's rotation and policy, an IAM role's policies): the calls of every resource made at
 * once, then awaited; a resource gone meanwhile is left out.
 */
public final class PerResourceReads {

    private PerResourceReads() {
    }

    /**
     * The found resources as the refresh takes them, each with the attributes its description gives and those
     * {@code more} reads.
     *
     * @param more starts the reads of one resource, empty when it is gone
     */
    public static <T> List<Observed> observed(String type, List<Found<T>> found, SdkAttributes<T> described,
                                              Function<T, String> idOf, Function<T, String> arnOf,
                                              Function<T, CompletableFuture<Optional<Map<String, Object>>>> more) {
        Map<Found<T>, CompletableFuture<Optional<Map<String, Object>>>> reading = new LinkedHashMap<>();
        found.forEach(resource -> reading.put(resource, more.apply(resource.resource())));
        return found.stream().flatMap(resource -> ReadCalls.join(reading.get(resource)).map(read -> {
            Map<String, Object> attributes = new LinkedHashMap<>(described.read(resource.resource()));
            attributes.putAll(read);
            return resource.observed(type, idOf.apply(resource.resource()), arnOf.apply(resource.resource()), attributes);
        }).stream()).toList();
    }
}
