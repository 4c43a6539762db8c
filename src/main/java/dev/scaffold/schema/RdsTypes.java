package dev.scaffold.schema;

import java.time.Duration;

/** The RDS types of the data tier: a database's subnet group, its parameter group, and its instances. */
public final class RdsTypes {

    /**
     * A DB subnet group: the subnets of a database, named by {@code name} (its physical id, lower-case, fixed
     * at creation). {@code description} and {@code subnetIds} (unordered) change in place. Refs name {@code name}
     * and {@code arn}.
     */
    public static final ResourceType SUBNET_GROUP = ResourceType.managed("AWS::RDS::DBSubnetGroup")
            .forcesReplace("name")
            .unordered("subnetIds")
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    /**
     * A DB parameter group of a {@code family} ({@code postgres16}, {@code mysql8.0}, …). Name, family and
     * {@code description} (AWS cannot change it) are fixed at creation; {@code parameters} (name → value, as
     * strings) change in place, applied immediately. Refs name {@code name} and {@code arn}.
     */
    public static final ResourceType PARAMETER_GROUP = ResourceType.managed("AWS::RDS::DBParameterGroup")
            .forcesReplace("name", "family", "description")
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(2))
            .build();

    /**
     * A DB instance: a primary, or a read replica of one ({@code sourceIdentifier}). Its identifier, engine,
     * encryption, KMS key, master user, subnet group, availability zone and source are fixed at creation, and so
     * is its engine's major version (postgres 16.4 → 17.1 replaces; 16.4 → 16.6 is in place); everything else
     * changes in place, applied immediately. Storage may only grow: a plan that would shrink it fails, as RDS
     * cannot shrink storage and a replace would lose the data. With {@code deletionProtection} on, no plan deletes
     * or replaces it unless the blueprint turns it off (the delete then turns it off first). AWS sets {@code endpoint},
     * {@code port}, {@code masterSecretArn} and {@code status}. Refs
     * name {@code identifier}, {@code arn}, {@code endpoint}, {@code port} and {@code masterSecretArn}.
     */
    public static final ResourceType INSTANCE = ResourceType.managed("AWS::RDS::DBInstance")
            .forcesReplace("identifier", "engine", "storageEncrypted", "kmsKeyId", "masterUsername", "subnetGroupName",
                    "availabilityZone", "sourceIdentifier")
            .replaceWhen("engineVersion", ReplaceRule.when("the major version changes",
                    (before, after) -> !majorVersion(before).equals(majorVersion(after))))
            // AWS upgrades minor versions by itself (autoMinorVersionUpgrade): a newer one of the same major fulfils
            // the version asked for, and a plan never asks for a downgrade AWS would refuse.
            .metWhen("engineVersion", RdsTypes::newerMinorOfTheSameMajor)
            .refusesWhen("allocatedStorage", ReplaceRule.WHEN_DECREASED, "cannot shrink (AWS has %s GB, the blueprint"
                    + " asks for %s GB): RDS cannot make a database's storage smaller, and replacing it would lose its data")
            .unordered("vpcSecurityGroupIds")
            .computedAtCreation("endpoint", "port", "masterSecretArn")
            .computed("status")
            .durations(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(5))
            // A replica is deleted before its primary through its sourceIdentifier ref, which the state records;
            // the type does not name itself here, as that would order two orphaned instances against each other.
            .references(SUBNET_GROUP.name(), PARAMETER_GROUP.name(), Ec2Types.SECURITY_GROUP.name(), KmsTypes.KEY.name())
            .deletionProtection("deletionProtection")
            .build();

    private RdsTypes() {
    }

    /** Whether {@code actual} is {@code desired} or a later minor version of the same major one. */
    static boolean newerMinorOfTheSameMajor(Object desired, Object actual) {
        if (!majorVersion(desired).equals(majorVersion(actual))) {
            return false;
        }
        String[] wanted = String.valueOf(desired).split("\\.");
        String[] has = String.valueOf(actual).split("\\.");
        for (int i = 0; i < Math.max(wanted.length, has.length); i++) {
            int difference = Integer.compare(part(has, i), part(wanted, i));
            if (difference != 0) {
                return difference > 0;
            }
        }
        return true;
    }

    private static int part(String[] version, int index) {
        if (index >= version.length) {
            return 0;
        }
        try {
            return Integer.parseInt(version[index].replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The major version in an RDS engine version: postgres names versions from 10 on by two numbers, the first
     * the major one ({@code 16.4}); mysql, mariadb and postgres before 10 by three, the first two the major
     * one ({@code 8.0.35}, {@code 10.11.6}, {@code 9.6.22}).
     */
    static String majorVersion(Object version) {
        String[] parts = String.valueOf(version).split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] : parts[0];
    }
}
