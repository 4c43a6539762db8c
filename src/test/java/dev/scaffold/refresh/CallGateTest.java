package dev.scaffold.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallGateTest {

    @Test
    void atMostTheLimitIsInFlightAndTheRestStartAsCallsComplete() {
        CallGate gate = new CallGate(2);
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<String>> pending = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<String> call = new CompletableFuture<>();
            pending.add(call);
            results.add(gate.call("DescribeThings", () -> {
                started.incrementAndGet();
                return call;
            }));
        }
        assertThat(started).hasValue(2);

        pending.get(0).complete("a");
        assertThat(started).hasValue(3);
        pending.get(1).completeExceptionally(new IllegalStateException("throttled"));
        assertThat(started).hasValue(4);
        pending.subList(2, 5).forEach(call -> call.complete("z"));

        assertThat(started).hasValue(5);
        assertThat(results.get(0)).isCompletedWithValue("a");
        assertThat(results.get(1)).isCompletedExceptionally();
        assertThat(gate.counts()).isEqualTo(Map.of("DescribeThings", 5));
    }
}
