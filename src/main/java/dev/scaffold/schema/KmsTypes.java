package dev.scaffold.schema;

import java.time.Duration;

/** The KMS types scaffold manages: customer-managed keys that encrypt a stack's data. */
public final class KmsTypes {

    /**
     * A symmetric customer-managed key. It has no name, so everything about it changes in place:
     * {@code description}, {@code keyRotation} (yearly rotation on or off) and {@code policy} (the key
     * policy document, as maps and lists). Deleting it schedules its deletion, after AWS's shortest
     * waiting period (7 days), during which it counts as gone. Refs name {@code id} (the key id) and {@code arn}.
     */
    public static final ResourceType KEY = ResourceType.managed("AWS::KMS::Key")
            .durations(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    private KmsTypes() {
    }
}
