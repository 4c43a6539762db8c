package dev.scaffold.schema;

/** The CloudWatch Logs types. */
public final class LogsTypes {

    /** A log group. */
    public static final ResourceType LOG_GROUP = ResourceType.managed("AWS::Logs::LogGroup").forcesReplace("name").build();

    private LogsTypes() {
    }
}
