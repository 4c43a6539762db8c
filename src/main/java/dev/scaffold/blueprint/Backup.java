package dev.scaffold.blueprint;

import java.util.List;

/**
 * An AWS Backup plan over some tiers.
 *
 * @param copyToRegion a region to copy recovery points to, or {@code null}
 */
public record Backup(String name, List<TierName> resources, int rpoHours, int retentionDays, String copyToRegion) {

    public Backup {
        resources = List.copyOf(resources);
    }
}
