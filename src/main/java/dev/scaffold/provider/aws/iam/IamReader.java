package dev.scaffold.provider.aws.iam;

import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.TaggedReader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * How a refresh finds IAM's resources: by the names the state knows and, for the blueprint's resources it does
 * not know, the names the blueprint gives them (the regional tagging read never returns IAM's global
 * resources); one Get call per name, as IAM has no batched describe, with the tags in its answer.
 */
final class IamReader {

    /** How IAM says that a resource is gone. */
    static final Set<String> GONE = Set.of("NoSuchEntity");

    private IamReader() {
    }

    /**
     * @param operation the Get call, e.g. {@code GetRole}
     * @param get describes the resource of a name
     */
    static <T> TaggedReader<T> of(AwsClients aws, ArnType arnType, String operation, Function<T, String> nameOf,
                                  Function<T, List<Tag>> tagsOf, Function<String, CompletableFuture<T>> get) {
        Function<List<String>, CompletableFuture<List<T>>> one = names -> get.apply(names.get(0)).thenApply(List::of);
        return TaggedReader.of(aws, arnType, nameOf)
                .idFromArn(ArnType::lastPart)
                .describedBy(operation, 1, GONE, one)
                .tagsFromDescription(resource -> IamTags.toMap(tagsOf.apply(resource)))
                .alsoByName(List.of("name"), named -> named.string("name"), nameOf,
                        (calls, names) -> IdBatches.describe(calls, operation, names, 1, GONE, one))
                .build();
    }
}
