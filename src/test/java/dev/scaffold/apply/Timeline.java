package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What scripted handlers did and when, for tests that assert on order and overlap rather than on
 * wall-clock thresholds.
 */
public final class Timeline {

    /** One thing a handler did; {@code nanos} is {@link System#nanoTime()}. */
    public record Event(ResourceAddress address, String what, long nanos) { }

    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final AtomicInteger mostCallsInFlight = new AtomicInteger();

    public synchronized void record(ResourceAddress address, String what) {
        events.add(new Event(address, what, System.nanoTime()));
    }

    void callStarted(ResourceAddress address, String operation) {
        mostCallsInFlight.accumulateAndGet(callsInFlight.incrementAndGet(), Math::max);
        record(address, "call " + operation);
    }

    void callEnded() {
        callsInFlight.decrementAndGet();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The events of one kind, in the order they happened, as addresses. */
    public synchronized List<ResourceAddress> addressesOf(String what) {
        return events.stream().filter(e -> e.what().equals(what)).map(Event::address).toList();
    }

    /** When an event happened; fails when it did not. */
    public synchronized long when(ResourceAddress address, String what) {
        return events.stream().filter(e -> e.address().equals(address) && e.what().equals(what))
                .mapToLong(Event::nanos).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + what + "' for " + address + " in " + events));
    }

    public synchronized boolean happened(ResourceAddress address, String what) {
        return events.stream().anyMatch(e -> e.address().equals(address) && e.what().equals(what));
    }

    /** The most calls that were running at once. */
    public int mostCallsInFlight() {
        return mostCallsInFlight.get();
    }
}
