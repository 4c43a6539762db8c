package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.Database;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.RdsTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expands one {@code databases.NAME} tier: an RDS primary and its read replicas, behind a firewall. Its security
 * group admits the engine's port only from the services in {@code allowFrom}; its parameter group forces SSL; its
 * storage is encrypted with the stack's key, or the {@code kmsKey} given; it is never publicly accessible; RDS
 * keeps its master password in Secrets Manager, so no password passes through scaffold. The primary is Multi-AZ per {@code multiAz}, kept
 * from deletion per {@code deletionProtection}, backed up {@code backupRetentionDays} and, when deleted, leaves a
 * final snapshot unless {@code skipFinalSnapshot}. Each replica, {@code replica[i]}, reads from the primary in the
 * i-th availability zone of the network's subnets, counted around; replicas hold no data of their own, so they
 * are neither protected nor snapshotted.
 */
public final class DatabaseComponent implements SectionComponent {

    static final String TIER = "databases";
    /** The master user RDS makes; its password is RDS's, kept in Secrets Manager. */
    private static final String MASTER_USER = "scaffold";
    /** The version a blueprint that names none gets, per engine: the parameter group's family needs one. */
    private static final Map<Database.Engine, String> DEFAULT_VERSIONS = Map.of(
            Database.Engine.POSTGRES, "16.4", Database.Engine.MYSQL, "8.0.39", Database.Engine.MARIADB, "10.11.9");

    @Override
    public String section() {
        return TIER;
    }

    /** What each database offers: {@code endpoint}, {@code port}, {@code readerEndpoints} and {@code secretArn}. */
    @Override
    public Map<String, Object> outputs(StackContext stack, Blueprint blueprint) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (Database database : blueprint.databases().values()) {
            Addresses at = new Addresses(database.name());
            String prefix = TIER + "." + database.name() + ".";
            outputs.put(prefix + "endpoint", new Ref(at.primary, "endpoint"));
            outputs.put(prefix + "port", new Ref(at.primary, "port"));
            outputs.put(prefix + "readerEndpoints", readerEndpoints(database, at));
            outputs.put(prefix + "secretArn", new Ref(at.primary, "masterSecretArn"));
        }
        return outputs;
    }

    @Override
    public List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values) {
        List<ResourceSpec> specs = new ArrayList<>();
        for (Database database : blueprint.databases().values()) {
            Addresses at = new Addresses(database.name());
            String version = version(database);
            specs.add(securityGroup(stack, database, at));
            specs.add(subnetGroup(stack, database, at));
            specs.add(parameterGroup(stack, database, at, version));
            specs.add(primary(stack, database, at, version));
            for (int i = 0; i < database.readReplicas(); i++) {
                specs.add(replica(stack, database, at, version, i));
            }
        }
        return specs;
    }

    /** The replicas' endpoints, or the primary's when there are none: where an app sends its reads either way. */
    private static List<Ref> readerEndpoints(Database database, Addresses at) {
        if (database.readReplicas() == 0) {
            return List.of(new Ref(at.primary, "endpoint"));
        }
        List<Ref> endpoints = new ArrayList<>();
        for (int i = 0; i < database.readReplicas(); i++) {
            endpoints.add(new Ref(at.replica(i), "endpoint"));
        }
        return endpoints;
    }

    private static ResourceSpec securityGroup(StackContext stack, Database database, Addresses at) {
        return DataNetwork.securityGroup(stack, at.securityGroup, "db", describe(stack, database), database.port(),
                database.allowFrom());
    }

    private static ResourceSpec subnetGroup(StackContext stack, Database database, Addresses at) {
        return DataNetwork.subnetGroup(stack, at.subnetGroup, RdsTypes.SUBNET_GROUP.name(), describe(stack, database));
    }

    /** Its name holds the family, so a major upgrade makes the new group beside the old one. */
    private static ResourceSpec parameterGroup(StackContext stack, Database database, Addresses at, String version) {
        String family = family(database.engine(), version);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.data(stack, database.name(), family.replace('.', '-')));
        attributes.put("family", family);
        attributes.put("description", describe(stack, database) + ", SSL only");
        attributes.put("parameters", database.engine() == Database.Engine.POSTGRES
                ? Map.of("rds.force_ssl", "1") : Map.of("require_secure_transport", "ON"));
        return ResourceSpec.managed(at.parameterGroup, RdsTypes.PARAMETER_GROUP.name(), attributes,
                stack.tagsFor(at.parameterGroup));
    }

    private static ResourceSpec primary(StackContext stack, Database database, Addresses at, String version) {
        Map<String, Object> attributes = instance(stack, database, at, version,
                ResourceNames.data(stack, database.name(), null));
        attributes.put("allocatedStorage", database.storageGb());
        attributes.put("multiAz", database.multiAz());
        attributes.put("deletionProtection", database.deletionProtection());
        attributes.put("backupRetentionDays", database.backupRetentionDays());
        attributes.put("masterUsername", MASTER_USER);
        attributes.put("manageMasterPassword", true);
        attributes.put("subnetGroupName", new Ref(at.subnetGroup, "name"));
        attributes.put("skipFinalSnapshot", database.skipFinalSnapshot());
        return ResourceSpec.managed(at.primary, RdsTypes.INSTANCE.name(), attributes, stack.tagsFor(at.primary));
    }

    private static ResourceSpec replica(StackContext stack, Database database, Addresses at, String version, int i) {
        ResourceAddress address = at.replica(i);
        Map<String, Object> attributes = instance(stack, database, at, version,
                ResourceNames.data(stack, database.name(), "replica-" + i));
        attributes.put("sourceIdentifier", new Ref(at.primary, "identifier"));
        attributes.put("availabilityZone", Ref.spread(NetworkComponent.SUBNETS, "availabilityZones", i));
        attributes.put("multiAz", false);
        attributes.put("deletionProtection", false);
        attributes.put("skipFinalSnapshot", true);
        return ResourceSpec.managed(address, RdsTypes.INSTANCE.name(), attributes, stack.tagsFor(address));
    }

    /** What a primary and its replicas share. */
    private static Map<String, Object> instance(StackContext stack, Database database, Addresses at, String version,
                                                String identifier) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("identifier", identifier);
        attributes.put("engine", database.engine().name().toLowerCase(Locale.ROOT));
        attributes.put("engineVersion", version);
        attributes.put("instanceClass", database.instanceClass());
        attributes.put("storageEncrypted", true);
        attributes.put("kmsKeyId", database.kmsKey() != null ? database.kmsKey() : StackKeyComponent.keyArn());
        attributes.put("publiclyAccessible", false);
        attributes.put("copyTagsToSnapshot", true);
        attributes.put("autoMinorVersionUpgrade", true);
        attributes.put("parameterGroupName", new Ref(at.parameterGroup, "name"));
        attributes.put("vpcSecurityGroupIds", List.of(new Ref(at.securityGroup, "id")));
        return attributes;
    }

    private static String version(Database database) {
        return database.version() != null ? database.version() : DEFAULT_VERSIONS.get(database.engine());
    }

    /** The parameter-group family of an engine version: {@code postgres16}, {@code mysql8.0}, {@code mariadb10.11}. */
    static String family(Database.Engine engine, String version) {
        String[] parts = version.split("\\.");
        String major = engine == Database.Engine.POSTGRES || parts.length < 2 ? parts[0] : parts[0] + "." + parts[1];
        return engine.name().toLowerCase(Locale.ROOT) + major;
    }

    private static String describe(StackContext stack, Database database) {
        return "scaffold " + stack.stack() + " " + stack.environment() + ": database " + database.name();
    }

    /** The addresses of one database's resources. */
    private static final class Addresses {
        final String name;
        final ResourceAddress securityGroup;
        final ResourceAddress subnetGroup;
        final ResourceAddress parameterGroup;
        final ResourceAddress primary;

        Addresses(String name) {
            this.name = name;
            this.securityGroup = ResourceAddress.of(TIER, name, "security-group");
            this.subnetGroup = ResourceAddress.of(TIER, name, "subnet-group");
            this.parameterGroup = ResourceAddress.of(TIER, name, "parameter-group");
            this.primary = ResourceAddress.of(TIER, name, "primary");
        }

        ResourceAddress replica(int index) {
            return new ResourceAddress(TIER, name, "replica", index);
        }
    }
}
