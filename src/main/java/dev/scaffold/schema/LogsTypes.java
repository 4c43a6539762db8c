package dev.scaffold.schema;

import java.time.Duration;

/** The CloudWatch Logs types scaffold manages. */
public final class LogsTypes {

    /**
     * A log group. Its {@code name} is fixed at creation; {@code retentionDays} and {@code kmsKeyArn} (the
     * key that encrypts it, or absent) change in place. Refs name {@code arn} (without the {@code :*} that
     * some of AWS's answers append) and {@code name}.
     */
    public static final ResourceType LOG_GROUP = ResourceType.managed("AWS::Logs::LogGroup")
            .forcesReplace("name")
            .references(KmsTypes.KEY.name())
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    private LogsTypes() {
    }
}
