package dev.scaffold.blueprint;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds the data and operations side of the blueprint: databases, caches, queues, backups and monitoring. */
final class DataBinder {

    private static final Map<String, Database.Engine> DB_ENGINES = ComputeBinder.keywords(Database.Engine.values());
    private static final Map<String, Cache.Engine> CACHE_ENGINES = ComputeBinder.keywords(Cache.Engine.values());
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:key/[A-Za-z0-9-]+");
    private static final Pattern NODE_TYPE = Pattern.compile("cache\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@ \\t\\n\\u000b\\f\\r]+@[^@ \\t\\n\\u000b\\f\\r]+\\.[^@ \\t\\n\\u000b\\f\\r]+");
    private static final Set<String> ALLOW_FROM = Set.of("services");
    private static final Set<String> BACKED_UP = Set.of("databases");

    private final BindContext ctx;

    DataBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    Database database(String name, Fields f, String stackRegion) {
        Database.Engine engine = f.require("engine") ? f.choice("engine", DB_ENGINES, null) : null;
        String version = f.string("version", null);
        if (version != null && !VERSION.matcher(version).matches()) {
            ctx.error(f.at("version"), "invalid-version", f.path("version") + " must be a version such as \"16.4\", got "
                    + Quoted.of(version));
        }
        String instanceClass = f.string("instanceClass", Defaults.DB_INSTANCE_CLASS);
        if (instanceClass != null && !INSTANCE_CLASS.matcher(instanceClass).matches()) {
            ctx.error(f.at("instanceClass"), "unknown-value", f.path("instanceClass")
                    + " must be an RDS instance class such as db.t4g.medium, got " + Quoted.of(instanceClass));
        }
        int storageGb = f.integer("storageGb", Defaults.DB_STORAGE_GB, 20, 65536);
        boolean multiAz = f.bool("multiAz", Defaults.MULTI_AZ);
        int readReplicas = f.integer("readReplicas", Defaults.READ_REPLICAS, 0, 15);
        int retention = f.integer("backupRetentionDays", Defaults.BACKUP_RETENTION_DAYS, 1, 35);
        boolean deletionProtection = f.bool("deletionProtection", Defaults.DELETION_PROTECTION);
        boolean skipFinalSnapshot = f.bool("skipFinalSnapshot", Defaults.SKIP_FINAL_SNAPSHOT);
        String kmsKey = f.string("kmsKey", null);
        Matcher key = kmsKey == null ? null : KMS_KEY_ARN.matcher(kmsKey);
        if (key != null && !key.matches()) {
            ctx.error(f.at("kmsKey"), "invalid-arn", f.path("kmsKey") + " must be a KMS key ARN"
                    + " (arn:aws:kms:REGION:ACCOUNT:key/ID), got " + Quoted.of(kmsKey));
        } else if (key != null && stackRegion != null && !key.group(1).equals(stackRegion)) {
            ctx.error(f.at("kmsKey"), "wrong-region", f.path("kmsKey") + " must be a key of the blueprint's region "
                    + stackRegion + " (RDS encrypts with a key of its own region), got one of " + key.group(1));
        }
        List<TierName> allowFrom = f.list("allowFrom", n -> ctx.tierName(n, ALLOW_FROM, f.path("allowFrom")));
        f.unique("allowFrom", allowFrom);
        if (engine == null) {
            return null;
        }
        return new Database(name, engine, version, instanceClass, storageGb, multiAz, readReplicas, retention,
                deletionProtection, skipFinalSnapshot, kmsKey, allowFrom);
    }

    Cache cache(String name, Fields f) {
        Cache.Engine engine = f.require("engine") ? f.choice("engine", CACHE_ENGINES, null) : null;
        String nodeType = f.string("nodeType", Defaults.CACHE_NODE_TYPE);
        if (nodeType != null && !NODE_TYPE.matcher(nodeType).matches()) {
            ctx.error(f.at("nodeType"), "unknown-value", f.path("nodeType")
                    + " must be an ElastiCache node type such as cache.t4g.small, got " + Quoted.of(nodeType));
        }
        int replicas = f.integer("replicas", Defaults.CACHE_REPLICAS, 0, 5);
        int snapshotRetentionDays = f.integer("snapshotRetentionDays", Defaults.CACHE_SNAPSHOT_RETENTION_DAYS, 0, 35);
        List<TierName> allowFrom = f.list("allowFrom", n -> ctx.tierName(n, ALLOW_FROM, f.path("allowFrom")));
        f.unique("allowFrom", allowFrom);
        return engine == null ? null : new Cache(name, engine, nodeType, replicas, snapshotRetentionDays, allowFrom);
    }

    /** A queue; SQS's limits (visibility up to 12 hours, retention 1 to 14 days, up to 1000 receives) checked here. */
    Queue queue(String name, Fields f) {
        boolean fifo = f.bool("fifo", Defaults.QUEUE_FIFO);
        int visibility = f.integer("visibilityTimeoutSeconds", Defaults.QUEUE_VISIBILITY_TIMEOUT_SECONDS, 0, 43_200);
        int retentionDays = f.integer("retentionDays", Defaults.QUEUE_RETENTION_DAYS, 1, 14);
        int maxReceives = f.integer("maxReceives", Defaults.QUEUE_MAX_RECEIVES, 1, 1000);
        List<TierName> consumers = f.list("consumers", n -> ctx.tierName(n, ALLOW_FROM, f.path("consumers")));
        f.unique("consumers", consumers);
        List<TierName> producers = f.list("producers", n -> ctx.tierName(n, ALLOW_FROM, f.path("producers")));
        f.unique("producers", producers);
        return new Queue(name, fifo, visibility, retentionDays, maxReceives, consumers, producers);
    }

    Backup backup(String name, Fields f, String stackRegion) {
        List<TierName> resources = f.require("resources")
                ? f.list("resources", n -> ctx.tierName(n, BACKED_UP, f.path("resources"))) : List.of();
        f.unique("resources", resources);
        if (f.has("resources") && resources.isEmpty() && f.node("resources") instanceof YamlNode.Sequence s
                && s.items().isEmpty()) {
            ctx.error(f.at("resources"), "required", f.path("resources") + " must name at least one tier");
        }
        int rpoHours = f.integer("rpoHours", Defaults.RPO_HOURS, 1, 8760);
        int retentionDays = f.integer("retentionDays", Defaults.BACKUP_VAULT_RETENTION_DAYS, 1, 35);
        String copyToRegion = f.string("copyToRegion", null);
        if (copyToRegion != null) {
            if (!BindContext.REGION.matcher(copyToRegion).matches()) {
                ctx.error(f.at("copyToRegion"), "invalid-region", f.path("copyToRegion")
                        + " must be an AWS region such as us-west-2, got " + Quoted.of(copyToRegion));
            } else if (copyToRegion.equals(stackRegion)) {
                ctx.error(f.at("copyToRegion"), "same-region", f.path("copyToRegion")
                        + " must differ from the blueprint's region " + stackRegion);
            }
        }
        return new Backup(name, resources, rpoHours, retentionDays, copyToRegion);
    }

    Monitoring monitoring(Fields f) {
        Expr notify = null;
        if (f.require("notify")) {
            // An address known before apply: the subscription is made with it, and it is checked here.
            String address = f.string("notify", null);
            notify = address == null ? null : Expr.of(address);
            if (notify != null && !EMAIL.matcher(notify.literal()).matches()) {
                ctx.error(f.at("notify"), "invalid-email", "monitoring.notify must be an e-mail address, got "
                        + Quoted.of(notify.literal()));
            }
        }
        Monitoring.Alarms alarms = new Monitoring.Alarms(Defaults.ALARM_CPU_PERCENT, Defaults.ALARM_HTTP_5XX_PERCENT,
                Defaults.ALARM_P95_LATENCY_MS, Defaults.ALARM_REPLICA_LAG_SECONDS);
        if (f.has("alarms")) {
            Fields a = Fields.open(f.node("alarms"), f.path("alarms"), ctx,
                    List.of("cpuPercent", "http5xxPercent", "p95LatencyMs", "replicaLagSeconds"));
            if (a != null) {
                alarms = new Monitoring.Alarms(
                        a.percent("cpuPercent", Defaults.ALARM_CPU_PERCENT),
                        a.percent("http5xxPercent", Defaults.ALARM_HTTP_5XX_PERCENT),
                        a.integer("p95LatencyMs", Defaults.ALARM_P95_LATENCY_MS, 1, 600_000),
                        a.integer("replicaLagSeconds", Defaults.ALARM_REPLICA_LAG_SECONDS, 1, 86_400));
            }
        }
        return new Monitoring(notify, alarms);
    }
}
