package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.testing.TestApplyContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class SharedPollsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int BATCH = 20;

    private final AtomicLong now = new AtomicLong();
    private final List<List<String>> describes = new ArrayList<>();
    private final Set<String> gone = new HashSet<>();
    private final SharedPolls<String> polls = new SharedPolls<>("DescribeThings", BATCH, Set.of("ThingNotFound"),
            INTERVAL, this::describe, id -> id, now::get);
    private final TestApplyContext ctx = new TestApplyContext(ResourceAddress.parse("things.a.thing"));

    @Test
    void aHundredWaitsThatPollAtTheirOwnMomentsCostOneDescribePerTwentyOfThemPerInterval() {
        List<String> ids = IntStream.range(0, 100).mapToObj(i -> String.format("thing-%03d", i)).toList();
        ids.forEach(polls::expect);
        long intervals = 36;
        for (long tick = 0; tick < intervals * 50; tick++) {
            now.set(tick * INTERVAL.toNanos() / 50);
            for (int i = 0; i < ids.size(); i++) {
                // Each wait polls every interval, at a moment of its own within it.
                if (tick % 50 == (i * 7) % 50) {
                    assertThat(polls.poll(ctx, ids.get(i)).join()).contains(ids.get(i));
                }
            }
        }

        assertThat(describes).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(BATCH));
        assertThat(describes.size()).as("describes in %d intervals", intervals)
                .isLessThanOrEqualTo((int) (intervals * ids.size() / BATCH + ids.size() / BATCH));
    }

    @Test
    void anAnswerServesEveryPollWithinTheIntervalThenTheNextPollDescribesAgain() {
        polls.expect("a");
        polls.expect("b");
        now.addAndGet(INTERVAL.toNanos());

        polls.poll(ctx, "a").join();
        now.addAndGet(INTERVAL.toNanos() - 1);
        polls.poll(ctx, "b").join();
        polls.poll(ctx, "a").join();
        assertThat(describes).containsExactly(List.of("a", "b"));

        now.addAndGet(1);
        polls.poll(ctx, "a").join();
        assertThat(describes).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void aResourceThatIsGoneIsEmptyAndTheOthersAreStillAnsweredFromTheSameRound() {
        polls.expect("a");
        polls.expect("b");
        now.addAndGet(INTERVAL.toNanos());
        gone.add("b");

        assertThat(polls.poll(ctx, "b").join()).isEmpty();
        assertThat(polls.poll(ctx, "a").join()).contains("a");
        assertThat(describes).as("the batch halved until the gone one stands alone")
                .containsExactly(List.of("a", "b"), List.of("a"), List.of("b"));
    }

    @Test
    void aWaitThatIsDoneIsNoLongerDescribed() {
        polls.expect("a");
        polls.expect("b");
        polls.done("b");
        now.addAndGet(INTERVAL.toNanos());

        polls.poll(ctx, "a").join();

        assertThat(describes).containsExactly(List.of("a"));
    }

    @Test
    void aWaitBegunAfterAnotherOnTheSameResourceEndedTakesNoAnswerOfADescribeBegunBeforeIt() {
        CompletableFuture<List<Map.Entry<String, Integer>>> before = new CompletableFuture<>();
        List<CompletableFuture<List<Map.Entry<String, Integer>>>> answers = new ArrayList<>(List.of(before,
                CompletableFuture.completedFuture(List.of(Map.entry("a", 2)))));
        SharedPolls<Map.Entry<String, Integer>> versions = new SharedPolls<>("DescribeThings", BATCH, Set.of(), INTERVAL,
                ids -> answers.remove(0), Map.Entry::getKey, now::get);
        versions.poll(ctx, "a");
        versions.done("a"); // that wait ended, and the resource was changed again

        CompletableFuture<Optional<Map.Entry<String, Integer>>> next = versions.poll(ctx, "a");
        before.complete(List.of(Map.entry("a", 1)));

        assertThat(next.join()).contains(Map.entry("a", 2));
        assertThat(versions.poll(ctx, "a").join()).as("the earlier round's answer is not kept").contains(Map.entry("a", 2));
    }

    // Like ELBv2's describes by ARN: the whole call fails when one of its ids is gone.
    private CompletableFuture<List<String>> describe(List<String> ids) {
        describes.add(List.copyOf(ids));
        if (ids.stream().anyMatch(gone::contains)) {
            return CompletableFuture.failedFuture(AwsServiceException.builder()
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThingNotFound").build()).build());
        }
        return CompletableFuture.completedFuture(List.copyOf(ids));
    }
}
