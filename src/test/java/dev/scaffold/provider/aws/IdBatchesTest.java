package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.testing.CountingCalls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Reads by id in batches, against a describe that behaves as ELBv2's by ARN: it answers for all its ids,
 * or fails the whole call when one of them is gone.
 */
class IdBatchesTest {

    private static final Set<String> GONE = Set.of("TargetGroupNotFound");

    private final CountingCalls calls = new CountingCalls();
    private final ReadContext ctx = new ReadContext("shop", "default", calls);
    private final List<List<String>> asked = Collections.synchronizedList(new ArrayList<>());

    @Test
    void idsAreAskedForInBatchesOfTheGivenSize() {
        List<String> ids = ids(45);

        List<String> found = describe(ids, Set.of());

        assertThat(found).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(asked).extracting(List::size).containsExactlyInAnyOrder(20, 20, 5);
        assertThat(calls.counts()).isEqualTo(Map.of("DescribeTargetGroups", 3));
    }

    @Test
    void aBatchWithAGoneIdIsHalvedUntilTheGoneIdStandsAloneAndTheOthersAreAllRead() {
        List<String> ids = ids(20);

        List<String> found = describe(ids, Set.of("tg-13"));

        assertThat(found).containsExactlyInAnyOrderElementsOf(ids.stream().filter(id -> !id.equals("tg-13")).toList());
        // 20 → 10 + 10 → 5 + 5 → 2 + 3 → 1 + 2 → 1 + 1: eleven calls, where each id alone would take 21.
        assertThat(calls.counts()).isEqualTo(Map.of("DescribeTargetGroups", 11));
    }

    @Test
    void nothingToReadMakesNoCall() {
        assertThat(describe(List.of(), Set.of())).isEmpty();
        assertThat(calls.counts()).isEmpty();
    }

    @Test
    void otherFailuresAreTheReadsFailure() {
        assertThatThrownBy(() -> IdBatches.describe(ctx, "DescribeTargetGroups", ids(3), 20, GONE,
                        batch -> CompletableFuture.<List<String>>failedFuture(error("AccessDenied"))))
                .isInstanceOf(HandlerException.class)
                .hasMessageContaining("AccessDenied");
    }

    private List<String> describe(List<String> ids, Set<String> gone) {
        return IdBatches.describe(ctx, "DescribeTargetGroups", ids, 20, GONE, batch -> {
            asked.add(List.copyOf(batch));
            return batch.stream().anyMatch(gone::contains)
                    ? CompletableFuture.failedFuture(error("TargetGroupNotFound"))
                    : CompletableFuture.completedFuture(List.copyOf(batch));
        });
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("tg-%02d", i)).toList();
    }

    private static AwsServiceException error(String code) {
        return (AwsServiceException) AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " for the test").build())
                .build();
    }
}
