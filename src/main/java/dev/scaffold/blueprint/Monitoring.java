package dev.scaffold.blueprint;

/** Alarms and where they notify (an e-mail address, possibly from a variable or another tier). */
public record Monitoring(Expr notify, Alarms alarms) {

    /** Alarm thresholds. */
    public record Alarms(int cpuPercent, double http5xxPercent, int p95LatencyMs, int replicaLagSeconds) {}
}
