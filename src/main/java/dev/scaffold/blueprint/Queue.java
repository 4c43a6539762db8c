package dev.scaffold.blueprint;

import java.util.List;

/**
 * A queue for background work (SQS), with its dead-letter queue.
 *
 * @param fifo whether messages are delivered in order, exactly once (a FIFO queue)
 * @param visibilityTimeoutSeconds how long a received message stays hidden from other consumers, 0 to 43200
 * @param retentionDays how long an unreceived message is kept, 1 to 14
 * @param maxReceives how often a message may be received before it moves to the dead-letter queue, 1 to 1000
 * @param consumers the services that receive and delete messages, each {@code services.NAME}
 * @param producers the services that send messages, each {@code services.NAME}
 */
public record Queue(
        String name,
        boolean fifo,
        int visibilityTimeoutSeconds,
        int retentionDays,
        int maxReceives,
        List<TierName> consumers,
        List<TierName> producers) {

    public Queue {
        consumers = List.copyOf(consumers);
        producers = List.copyOf(producers);
    }
}
