package dev.scaffold.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CallPermitsTest {

    @Test
    void whenPermitsAreScarceTheHighestPriorityGoesFirstThenFirstComeFirstServed() {
        CallPermits permits = new CallPermits(1);
        List<String> granted = new ArrayList<>();
        assertThat(permits.acquire(0)).isDone();
        permits.acquire(1).thenRun(() -> granted.add("low"));
        permits.acquire(5).thenRun(() -> granted.add("high, first"));
        permits.acquire(5).thenRun(() -> granted.add("high, second"));
        permits.acquire(3).thenRun(() -> granted.add("middle"));

        for (int i = 0; i < 4; i++) {
            assertThat(granted).hasSize(i);
            permits.release();
        }

        assertThat(granted).containsExactly("high, first", "high, second", "middle", "low");
    }

    @Test
    void noMoreThanTheLimitAreHeldAtOnce() {
        CallPermits permits = new CallPermits(2);

        CompletableFuture<Void> first = permits.acquire(0);
        CompletableFuture<Void> second = permits.acquire(0);
        CompletableFuture<Void> third = permits.acquire(0);

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(third).isNotDone();
        permits.release();
        assertThat(third).isDone();
        assertThat(permits.mostInUse()).isEqualTo(2);
    }

    @Test
    void releasingAPermitNobodyHoldsIsABug() {
        assertThatThrownBy(() -> new CallPermits(1).release()).isInstanceOf(IllegalStateException.class);
    }
}
