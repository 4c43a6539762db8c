package dev.scaffold.schema;

import java.time.Duration;

/** The SQS types scaffold manages: queues for background work and their dead-letter queues. */
public final class SqsTypes {

    /**
     * A queue, known by its URL. Its {@code name} (a FIFO queue's ends in {@code .fifo}) and {@code fifo} are fixed
     * at creation; {@code visibilityTimeoutSeconds}, {@code messageRetentionSeconds}, {@code kmsKeyId} (the key
     * that encrypts its messages, absent for none) and {@code redrive} (a map of {@code deadLetterArn} and
     * {@code maxReceives}, absent for none) change in place. Refs name {@code url}, {@code arn} and {@code name}.
     * The {@code url} AWS gives is the queue's physical id, which an update keeps: it is not declared computed, so
     * that what refers to it (a service's environment) stays known while the queue changes in place.
     */
    public static final ResourceType QUEUE = ResourceType.managed("AWS::SQS::Queue")
            .forcesReplace("name", "fifo")
            .references(KmsTypes.KEY.name())
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    private SqsTypes() {
    }
}
