package dev.scaffold.blueprint;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The resolve step: binds the merged, interpolated tree into the typed {@link Blueprint}, checking every key,
 * type, range and reference and applying the {@link Defaults}. Problems accumulate; nothing is thrown here.
 */
final class BlueprintBinder {

    static final List<String> TOP_LEVEL = List.of("blueprint", "region", "tags", "variables", "environments",
            "imports", "state", "moved", "network", "loadBalancers", "services", "databases", "caches", "queues",
            "cdn", "backups", "monitoring", "policy");
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern RULE_ID = Pattern.compile("SCF-[A-Z0-9]+-[0-9]{3}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Set<String> NAMED_SECTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of("loadBalancers", "services", "databases", "caches", "queues", "cdn", "backups")));

    private final BindContext ctx;
    private final ComputeBinder compute;
    private final DataBinder data;

    BlueprintBinder(Diagnostics diagnostics) {
        this(diagnostics, Substitutions.none());
    }

    /** {@code substituted}: where the interpolation put a variable's value, so problems there name the variable. */
    BlueprintBinder(Diagnostics diagnostics, Substitutions substituted) {
        this.ctx = new BindContext(diagnostics, substituted, false);
        this.compute = new ComputeBinder(ctx);
        this.data = new DataBinder(ctx);
    }

    /** The stack name alone, checked as {@link #bind} checks it; {@code null} after reporting a problem. */
    String stackName(YamlNode.Mapping doc) {
        return stackName(Fields.open(doc, "", ctx, TOP_LEVEL));
    }

    private String stackName(Fields top) {
        if (top.mapping().entry("blueprint") == null) {
            // Imports never give the name (their own is left out of the merge), so this is the main file's.
            ctx.error(top.mapping().origin(), "required", "the blueprint needs 'blueprint: NAME', the stack name; "
                    + "only a file it imports may leave it out: a file without one is a fragment, checked as part of"
                    + " the blueprint that imports it (validate that one), or add 'blueprint: NAME' to make it one");
            return null;
        }
        String name = top.has("blueprint") ? top.string("blueprint", null) : null;
        if (name != null && !StackIdentity.isValidName(name)) {
            ctx.error(top.at("blueprint"), "invalid-name", "blueprint name " + Quoted.of(name)
                    + " must be 2 to 31 lowercase letters, digits or '-', starting with a letter");
            return null;
        }
        return name;
    }

    /** The bound blueprint; meaningful only when no error was reported. */
    Blueprint bind(YamlNode.Mapping doc, String environment, boolean production, Map<String, Variable> variables,
            Path file) {
        Fields top = Fields.open(doc, "", ctx, TOP_LEVEL);
        String name = stackName(top);
        String region = top.has("region") ? region(top, "region") : null;
        // A file without a name is a fragment given by mistake: that is the one thing to say about it.
        if (top.mapping().entry("region") == null && top.mapping().entry("blueprint") != null) {
            // Not the schema's 'required': an imported file may give the region, so one file alone may lack it.
            ctx.error(top.mapping().origin(), "missing-region", "the blueprint needs 'region', in this file, "
                    + "a file it imports or each environment");
        }
        Map<String, String> tags = tags(top);
        Network network = network(top);
        Map<String, LoadBalancer> loadBalancers = named(top, "loadBalancers",
                List.of("algorithm", "https", "redirectHttp", "healthCheck", "rateLimit", "idleTimeoutSeconds"),
                compute::loadBalancer);
        Map<String, Service> services = named(top, "services", List.of("loadBalancer", "port", "image", "instanceType",
                "capacity", "scaleOn", "userData", "environment", "deploy", "logRetentionDays"), compute::service);
        Map<String, Database> databases = named(top, "databases", List.of("engine", "version", "instanceClass",
                "storageGb", "multiAz", "readReplicas", "backupRetentionDays", "deletionProtection", "skipFinalSnapshot",
                "kmsKey", "allowFrom"), (n, f) -> data.database(n, f, region));
        Map<String, Cache> caches = named(top, "caches",
                List.of("engine", "version", "nodeType", "replicas", "snapshotRetentionDays", "allowFrom"), data::cache);
        Map<String, Cdn> cdn = named(top, "cdn",
                List.of("origin", "staticAssets", "priceClass", "aliases", "certificate", "webAcl"),
                compute::cdn);
        Map<String, Backup> backups = named(top, "backups",
                List.of("resources", "rpoHours", "retentionDays", "copyToRegion"), (n, f) -> data.backup(n, f, region));
        Map<String, Queue> queues = named(top, "queues", List.of("fifo", "visibilityTimeoutSeconds", "retentionDays",
                "maxReceives", "consumers", "producers"), data::queue);
        Monitoring monitoring = null;
        if (top.has("monitoring")) {
            Fields m = Fields.open(top.node("monitoring"), "monitoring", ctx, List.of("notify", "alarms"));
            monitoring = m == null ? null : data.monitoring(m);
        }
        Policy policy = policy(top);
        StateBackend state = state(top);
        Map<String, Set<String>> declared = declaredTiers(top, monitoring != null);
        List<Move> moved = moved(top, declared);
        ctx.checkReferences(declared);
        return new Blueprint(name, region, tags, environment, production, variables, network, loadBalancers, services,
                databases, caches, queues, cdn, backups, monitoring, policy, state, moved, file);
    }

    private String region(Fields f, String key) {
        String region = f.string(key, null);
        if (region != null && !BindContext.REGION.matcher(region).matches()) {
            ctx.error(f.at(key), "invalid-region", Quoted.of(region) + " is not an AWS region; expected a name such as "
                    + "us-east-1, eu-central-2 or us-gov-west-1");
        }
        return region;
    }

    private <T> Map<String, T> named(Fields top, String section, List<String> keys, BiFunction<String, Fields, T> bind) {
        if (top.has(section) && ctx.isVariableValue(top.node(section))) {
            ctx.error(top.at(section), "type", Fields.notFromAVariable(section));
            return Map.of();
        }
        return top.entries(section, (entry, path) -> {
            if (!BindContext.TIER_NAME.matcher(entry.key()).matches()) {
                ctx.error(entry.keyOrigin(), "invalid-name", section + " name " + Quoted.of(entry.key())
                        + " must be 1 to 31 lowercase letters, digits or '-', starting with a letter");
            }
            if (Fields.isNull(entry.value())) {
                ctx.error(entry.value().origin(), "no-value", path + " has no value; write '" + Quoted.bare(entry.key())
                        + ": {}' for one with every default");
                return null;
            }
            Fields f = Fields.open(entry.value(), path, ctx, keys);
            return f == null ? null : bind.apply(entry.key(), f);
        });
    }

    private Map<String, Set<String>> declaredTiers(Fields top, boolean hasMonitoring) {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        for (String section : NAMED_SECTIONS) {
            Set<String> names = new LinkedHashSet<>();
            if (top.node(section) instanceof YamlNode.Mapping m) {
                names.addAll(m.entries().keySet());
            }
            declared.put(section, names);
        }
        declared.put("monitoring", hasMonitoring ? Set.of("monitoring") : Set.of());
        return declared;
    }

    private Map<String, String> tags(Fields top) {
        return top.entries("tags", (entry, path) -> {
            if (entry.key().startsWith("aws:") || entry.key().startsWith("scaffold:")) {
                ctx.error(entry.keyOrigin(), "invalid-name", "tag " + Quoted.of(entry.key())
                        + " uses a reserved prefix (aws:, scaffold:)");
            } else if (entry.key().isEmpty() || entry.key().codePointCount(0, entry.key().length()) > 128) {
                ctx.error(entry.keyOrigin(), "invalid-name", "tag keys must be 1 to 128 characters");
            }
            String value = Fields.text(entry.value(), ctx, path);
            if (value != null && value.codePointCount(0, value.length()) > 256) {
                ctx.error(entry.value().origin(), "range", path + " must be at most 256 characters");
            }
            return value == null ? null : ctx.exprs.literal(value, entry.value().origin(), path);
        });
    }

    private Network network(Fields top) {
        if (!top.has("network")) {
            return new Network(null, List.of());
        }
        Fields n = Fields.open(top.node("network"), "network", ctx, List.of("vpc", "subnets"));
        if (n == null) {
            return new Network(null, List.of());
        }
        String vpc = n.string("vpc", "default");
        if (vpc != null && !vpc.equals("default") && !VPC_ID.matcher(vpc).matches()) {
            ctx.error(n.at("vpc"), "invalid-id", "network.vpc must be 'default' or a VPC id (vpc-…), got " + Quoted.of(vpc));
        }
        List<String> subnets = List.of();
        if (n.node("subnets") instanceof YamlNode.Sequence) {
            subnets = n.strings("subnets");
            for (String s : subnets) {
                if (!SUBNET_ID.matcher(s).matches()) {
                    ctx.error(n.at("subnets"), "invalid-id", "network.subnets must be subnet ids (subnet-…), got " + Quoted.of(s));
                }
            }
            n.unique("subnets", subnets);
            if (subnets.size() < 2) {
                ctx.error(n.at("subnets"), "range", "network.subnets must list at least two subnets, in different "
                        + "availability zones (load balancers need two)");
            }
            if ("default".equals(vpc)) {
                ctx.error(n.at("subnets"), "conflict", "network.subnets lists subnet ids, so network.vpc must name their VPC");
            }
        } else if (n.has("subnets") && !Placeholders.leftUnresolved(n.node("subnets"))
                && !"default".equals(n.string("subnets", null))) {
            ctx.error(n.at("subnets"), "type", "network.subnets must be 'default' or a list of subnet ids");
        }
        return new Network("default".equals(vpc) ? null : vpc, subnets);
    }

    private Policy policy(Fields top) {
        if (!top.has("policy")) {
            return new Policy(List.of());
        }
        Fields p = Fields.open(top.node("policy"), "policy", ctx, List.of("waive"));
        if (p == null) {
            return new Policy(List.of());
        }
        return new Policy(p.list("waive", node -> {
            Fields w = Fields.open(node, "a waiver", ctx, List.of("rule", "reason", "until"));
            if (w == null) {
                return null;
            }
            String rule = w.requiredString("rule");
            if (rule != null && !RULE_ID.matcher(rule).matches()) {
                ctx.error(w.at("rule"), "invalid-name", "waiver rule must be a rule id such as SCF-RDS-004, got " + Quoted.of(rule));
            }
            String reason = w.requiredString("reason");
            if (reason != null && Fields.isBlank(reason)) {
                ctx.error(w.at("reason"), "required", "waiver of " + Quoted.of(String.valueOf(rule)) + " needs a non-empty reason");
            }
            String date = w.requiredString("until");
            LocalDate until = date == null ? null : date(date);
            if (date != null && until == null) {
                ctx.error(w.at("until"), "invalid-date", "waiver 'until' must be a date as YYYY-MM-DD, got " + Quoted.of(date));
            }
            return new Waiver(rule, reason, until);
        }));
    }

    /** A calendar date written YYYY-MM-DD, or {@code null}. */
    private static LocalDate date(String text) {
        if (!DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null; // 2027-02-30
        }
    }

    private StateBackend state(Fields top) {
        if (!top.has("state")) {
            return StateBackend.local();
        }
        Fields s = Fields.open(top.node("state"), "state", ctx, List.of("backend", "bucket", "key", "region"));
        if (s == null || !s.require("backend")) {
            return StateBackend.local();
        }
        StateBackend.Kind kind = s.choice("backend", Map.of("local", StateBackend.Kind.LOCAL, "s3", StateBackend.Kind.S3),
                StateBackend.Kind.LOCAL);
        if (kind == StateBackend.Kind.S3) {
            String bucket = s.requiredString("bucket");
            if (bucket != null && !BUCKET.matcher(bucket).matches()) {
                ctx.error(s.at("bucket"), "invalid-name", "state.bucket must be an S3 bucket name (3 to 63 lowercase "
                        + "letters, digits, '.' or '-'), got " + Quoted.of(bucket));
            }
            String key = s.requiredString("key");
            if (key != null && key.isEmpty()) {
                ctx.error(s.at("key"), "required", "state.key must name the object that holds the state, e.g. shop.json");
            }
            String region = s.has("region") ? region(s, "region") : null;
            return new StateBackend(kind, bucket, key, region);
        }
        for (String key : List.of("bucket", "key", "region")) {
            if (s.has(key)) {
                ctx.error(s.at(key), "conflict", "state." + key + " needs 'backend: s3'");
            }
        }
        return StateBackend.local();
    }

    private List<Move> moved(Fields top, Map<String, Set<String>> declared) {
        return top.list("moved", node -> {
            Fields m = Fields.open(node, "a moved entry", ctx, List.of("from", "to"));
            if (m == null || !m.require("from") | !m.require("to")) {
                return null;
            }
            TierName from = ctx.parseTierName(m.node("from"), NAMED_SECTIONS, "moved.from");
            TierName to = ctx.tierName(m.node("to"), NAMED_SECTIONS, "moved.to");
            if (from == null || to == null) {
                return null;
            }
            if (!from.section().equals(to.section())) {
                ctx.error(m.at("to"), "move-conflict", "a tier can only move within its section: "
                        + Quoted.of(from.toString()) + " → " + Quoted.of(to.toString()));
            } else if (declared.getOrDefault(from.section(), Set.of()).contains(from.name())) {
                ctx.error(m.at("from"), "move-conflict", Quoted.of(from.toString())
                        + " still exists, so it cannot have moved to " + Quoted.of(to.toString()));
            }
            return new Move(from, to);
        });
    }
}
