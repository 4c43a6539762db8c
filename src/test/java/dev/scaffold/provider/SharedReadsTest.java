package dev.scaffold.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedReadsTest {

    private static final SharedReads.Key<String> LOAD_BALANCERS = new SharedReads.Key<>("load balancers");

    @Test
    void aReadAskedForWhileItIsInFlightIsMadeOnceAndBothCallersGetIt() throws Exception {
        SharedReads shared = SharedReads.perRefresh();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> shared.get(LOAD_BALANCERS, () -> {
            reads.incrementAndGet();
            firstStarted.countDown();
            await(release);
            return "lb-1";
        }));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> shared.get(LOAD_BALANCERS, () -> {
            reads.incrementAndGet();
            return "lb-2";
        }));
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("lb-1");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("lb-1");
        assertThat(shared.get(LOAD_BALANCERS, () -> "lb-3")).isEqualTo("lb-1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aFailedReadFailsEveryCallerWithTheSameException() {
        SharedReads shared = SharedReads.perRefresh();
        IllegalStateException throttled = new IllegalStateException("throttled");

        assertThatThrownBy(() -> shared.get(LOAD_BALANCERS, () -> {
            throw throttled;
        })).isSameAs(throttled);
        assertThatThrownBy(() -> shared.get(LOAD_BALANCERS, () -> "lb-1")).isSameAs(throttled);
    }

    @Test
    void differentKeysAreDifferentReads() {
        SharedReads shared = SharedReads.perRefresh();

        shared.get(LOAD_BALANCERS, () -> "lb-1");

        assertThat(shared.get(new SharedReads.Key<String>("target groups"), () -> "tg-1")).isEqualTo("tg-1");
    }

    @Test
    void sharingNothingReadsAnewEachTime() {
        SharedReads none = SharedReads.none();
        AtomicInteger reads = new AtomicInteger();

        none.get(LOAD_BALANCERS, () -> "lb-" + reads.incrementAndGet());

        assertThat(none.get(LOAD_BALANCERS, () -> "lb-" + reads.incrementAndGet())).isEqualTo("lb-2");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
