package dev.scaffold.blueprint;

/**
 * Alarms and where they notify.
 *
 * @param notifyEmail the e-mail address subscribed to the alarm topic ({@code monitoring.notify} in the file)
 */
public record Monitoring(Expr notifyEmail, Alarms alarms) {

    /** Alarm thresholds. */
    public record Alarms(double cpuPercent, double http5xxPercent, int p95LatencyMs, int replicaLagSeconds) {}
}
