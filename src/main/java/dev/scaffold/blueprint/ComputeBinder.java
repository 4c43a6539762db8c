package dev.scaffold.blueprint;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds the request path of the blueprint: load balancers, services and CDN distributions. */
final class ComputeBinder {

    private static final Pattern ACM_ARN = Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):[0-9]{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern TLS_POLICY = Pattern.compile("ELBSecurityPolicy-[A-Za-z0-9-]+");
    private static final Pattern FILE_PATH = Pattern.compile("[^\\x00-\\x1f\\x7f]+");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final int MAX_INSTANCES = 10_000;
    private static final Map<String, LoadBalancer.Algorithm> ALGORITHMS = keywords(LoadBalancer.Algorithm.values());
    private static final Map<String, Service.Deploy.Strategy> STRATEGIES = keywords(Service.Deploy.Strategy.values());
    /** The retentions, in days, that CloudWatch Logs accepts. */
    private static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Map<String, String> PRICE_CLASSES = Map.of(
            "PriceClass_100", "PriceClass_100", "PriceClass_200", "PriceClass_200", "PriceClass_All", "PriceClass_All");

    private final BindContext ctx;
    /** Each load balancer a service named, with the first service that named it. */
    private final Map<String, String> frontedServices = new LinkedHashMap<>();

    ComputeBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    LoadBalancer loadBalancer(String name, Fields f) {
        LoadBalancer.Algorithm algorithm = f.choice("algorithm", ALGORITHMS, Defaults.ALGORITHM);
        LoadBalancer.Https https = f.has("https") ? https(f) : null;
        boolean redirectHttp = f.bool("redirectHttp", Defaults.REDIRECT_HTTP);
        if (https == null && f.has("redirectHttp") && redirectHttp) {
            ctx.error(f.at("redirectHttp"), "conflict", f.path("redirectHttp") + " needs 'https' to redirect to");
        }
        LoadBalancer.HealthCheck healthCheck = healthCheck(f);
        LoadBalancer.RateLimit rateLimit = null;
        if (f.has("rateLimit")) {
            Fields r = Fields.open(f.node("rateLimit"), f.path("rateLimit"), ctx, List.of("requestsPer5Minutes"));
            if (r != null && r.require("requestsPer5Minutes")) {
                rateLimit = new LoadBalancer.RateLimit(r.integer("requestsPer5Minutes", 0, 10, 2_000_000_000));
            }
        }
        int idleTimeout = f.integer("idleTimeoutSeconds", Defaults.IDLE_TIMEOUT_SECONDS, 1, 4000);
        return new LoadBalancer(name, algorithm, https, https != null && redirectHttp, healthCheck, rateLimit, idleTimeout);
    }

    private LoadBalancer.Https https(Fields lb) {
        Fields h = Fields.open(lb.node("https"), lb.path("https"), ctx, List.of("certificate", "tlsPolicy", "domain"));
        if (h == null) {
            return null;
        }
        String certificate = h.string("certificate", null);
        String domain = h.string("domain", null);
        if (h.has("certificate") == h.has("domain")) {
            ctx.error(h.mapping().origin(), "conflict", h.where() + " needs exactly one of 'certificate' (an ACM "
                    + "certificate ARN) or 'domain' (to request a certificate)");
        }
        if (certificate != null && !ACM_ARN.matcher(certificate).matches()) {
            ctx.error(h.at("certificate"), "invalid-arn", h.path("certificate") + " must be an ACM certificate ARN "
                    + "(arn:aws:acm:REGION:ACCOUNT:certificate/ID), got " + Quoted.of(certificate));
        }
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            ctx.error(h.at("domain"), "invalid-domain", h.path("domain") + " must be a domain name, got " + Quoted.of(domain));
        }
        String tlsPolicy = h.string("tlsPolicy", Defaults.TLS_POLICY);
        if (tlsPolicy != null && !TLS_POLICY.matcher(tlsPolicy).matches()) {
            ctx.error(h.at("tlsPolicy"), "unknown-value", h.path("tlsPolicy")
                    + " must be an ELB security policy name (ELBSecurityPolicy-…), got " + Quoted.of(tlsPolicy));
        }
        return new LoadBalancer.Https(certificate, tlsPolicy, domain);
    }

    private LoadBalancer.HealthCheck healthCheck(Fields lb) {
        Fields h = lb.has("healthCheck") ? Fields.open(lb.node("healthCheck"), lb.path("healthCheck"), ctx,
                List.of("path", "intervalSeconds", "healthyThreshold", "unhealthyThreshold")) : null;
        if (h == null) {
            return new LoadBalancer.HealthCheck(Defaults.HEALTH_CHECK_PATH, Defaults.HEALTH_CHECK_INTERVAL_SECONDS,
                    Defaults.HEALTHY_THRESHOLD, Defaults.UNHEALTHY_THRESHOLD);
        }
        String path = h.string("path", Defaults.HEALTH_CHECK_PATH);
        if (path != null && !path.startsWith("/")) {
            ctx.error(h.at("path"), "invalid-path", h.path("path") + " must start with '/', got " + Quoted.of(path));
        }
        return new LoadBalancer.HealthCheck(path,
                h.integer("intervalSeconds", Defaults.HEALTH_CHECK_INTERVAL_SECONDS, 5, 300),
                h.integer("healthyThreshold", Defaults.HEALTHY_THRESHOLD, 2, 10),
                h.integer("unhealthyThreshold", Defaults.UNHEALTHY_THRESHOLD, 2, 10));
    }

    Service service(String name, Fields f) {
        TierName loadBalancer = null;
        if (f.has("loadBalancer")) {
            String lb = f.string("loadBalancer", null);
            if (lb != null && !BindContext.TIER_NAME.matcher(lb).matches()) {
                ctx.error(f.at("loadBalancer"), "invalid-reference", f.path("loadBalancer")
                        + " must be the name of a load balancer, e.g. 'web', got " + Quoted.of(lb));
            } else if (lb != null) {
                loadBalancer = new TierName("loadBalancers", lb);
                ctx.pending.add(new ExprParser.PendingReference(loadBalancer, f.at("loadBalancer")));
                String first = frontedServices.putIfAbsent(lb, name);
                if (first != null) {
                    ctx.error(f.at("loadBalancer"), "shared-load-balancer", f.path("loadBalancer") + ": loadBalancers."
                            + lb + " already fronts services." + first + "; a load balancer fronts one service,"
                            + " so give this one a load balancer of its own");
                }
            }
        }
        int port = f.integer("port", Defaults.SERVICE_PORT, 1, 65535);
        String image = f.requiredString("image");
        if (image != null && !AMI.matcher(image).matches()) {
            ctx.error(f.at("image"), "invalid-id", f.path("image") + " must be an AMI id (ami-…), got " + Quoted.of(image));
        }
        String instanceType = f.string("instanceType", Defaults.INSTANCE_TYPE);
        if (instanceType != null && !INSTANCE_TYPE.matcher(instanceType).matches()) {
            ctx.error(f.at("instanceType"), "unknown-value", f.path("instanceType")
                    + " must be an EC2 instance type such as t3.small, got " + Quoted.of(instanceType));
        }
        Service.Capacity capacity = capacity(f);
        Service.ScaleOn scaleOn = scaleOn(f);
        if (scaleOn.requestsPerTarget() != null && scaleOn.cpuPercent() == null && !f.has("loadBalancer")) {
            ctx.error(f.at("scaleOn"), "scale-on-requests", f.path("scaleOn") + ".requestsPerTarget counts the requests"
                    + " of the service's load balancer, and it has none; give it a loadBalancer, or scale on cpuPercent");
        }
        String userData = userData(f);
        Map<String, Expr> environment = new LinkedHashMap<>(f.entries("environment", (entry, path) -> {
            if (!entry.key().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                ctx.error(entry.keyOrigin(), "invalid-name", "environment variable name " + Quoted.of(entry.key())
                        + " must be letters, digits and '_', not starting with a digit");
            }
            String text = Fields.text(entry.value(), ctx, path);
            return text == null ? null : ctx.exprs.parse(text, entry.value().origin());
        }));
        Service.Deploy deploy = deploy(f);
        int logRetentionDays = f.integer("logRetentionDays", Defaults.LOG_RETENTION_DAYS, 1, 3653);
        if (f.has("logRetentionDays") && !LOG_RETENTION_DAYS.contains(logRetentionDays)) {
            ctx.error(f.at("logRetentionDays"), "unknown-value", f.path("logRetentionDays") + " must be one of the"
                    + " retentions CloudWatch Logs allows, " + LOG_RETENTION_DAYS + ", got " + logRetentionDays);
        }
        return new Service(name, loadBalancer, port, image, instanceType, capacity, scaleOn, userData, environment,
                deploy, logRetentionDays);
    }

    /**
     * The user-data template's path, resolved against the directory of the file that names it (a fragment's
     * own, for a fragment); a file that does not exist is refused here, offline, with where it was named.
     */
    private String userData(Fields service) {
        String userData = service.string("userData", null);
        if (userData == null) {
            return null;
        }
        Origin at = service.at("userData");
        if (Fields.isBlank(userData) || !FILE_PATH.matcher(userData).matches()) {
            ctx.error(at, "invalid-path", service.path("userData") + " must name a template file, "
                    + "without control characters, got " + Quoted.of(userData));
            return null;
        }
        Path named = Path.of(at.file()).toAbsolutePath().getParent();
        Path template;
        try {
            template = named.resolve(userData).normalize();
        } catch (InvalidPathException e) {
            ctx.error(at, "invalid-path", service.path("userData") + " is not a path: " + Quoted.of(userData));
            return null;
        }
        if (!Files.isRegularFile(template)) {
            ctx.error(at, "missing-file", service.path("userData") + ": the template " + Quoted.of(userData)
                    + " does not exist (looked for " + template + "); give a path relative to the file that names it");
            return null;
        }
        return template.toString();
    }

    private Service.Deploy deploy(Fields service) {
        Service.Deploy fallback = new Service.Deploy(Service.Deploy.Strategy.ROLLING, Defaults.MIN_HEALTHY_PERCENT);
        if (!service.has("deploy")) {
            return fallback;
        }
        Fields d = Fields.open(service.node("deploy"), service.path("deploy"), ctx, List.of("strategy", "minHealthyPercent"));
        if (d == null) {
            return fallback;
        }
        return new Service.Deploy(d.choice("strategy", STRATEGIES, Service.Deploy.Strategy.ROLLING),
                d.integer("minHealthyPercent", Defaults.MIN_HEALTHY_PERCENT, 0, 100));
    }

    private Service.Capacity capacity(Fields service) {
        if (!service.has("capacity")) {
            return new Service.Capacity(Defaults.CAPACITY_MIN, Defaults.CAPACITY_MAX, null);
        }
        Fields c = Fields.open(service.node("capacity"), service.path("capacity"), ctx, List.of("min", "max", "desired"));
        if (c == null) {
            return new Service.Capacity(Defaults.CAPACITY_MIN, Defaults.CAPACITY_MAX, null);
        }
        int min = c.integer("min", Defaults.CAPACITY_MIN, 0, MAX_INSTANCES);
        int max = c.integer("max", Math.max(min, Defaults.CAPACITY_MAX), 0, MAX_INSTANCES);
        Integer desired = c.optionalInteger("desired", 0, MAX_INSTANCES);
        if (min > max) {
            ctx.error(c.at("min"), "min-max", c.where() + ": min (" + min + ") must not be greater than max (" + max + ")");
        } else if (desired != null && (desired < min || desired > max)) {
            ctx.error(c.at("desired"), "min-max", c.where() + ": desired (" + desired + ") must be between min (" + min
                    + ") and max (" + max + ")");
        }
        return new Service.Capacity(min, max, desired);
    }

    private Service.ScaleOn scaleOn(Fields service) {
        if (!service.has("scaleOn")) {
            return new Service.ScaleOn(Defaults.SCALE_ON_CPU_PERCENT, null);
        }
        Fields s = Fields.open(service.node("scaleOn"), service.path("scaleOn"), ctx,
                List.of("cpuPercent", "requestsPerTarget"));
        if (s == null) {
            return new Service.ScaleOn(Defaults.SCALE_ON_CPU_PERCENT, null);
        }
        if (s.has("cpuPercent") == s.has("requestsPerTarget")) {
            ctx.error(s.mapping().origin(), "conflict", s.where() + " needs exactly one of 'cpuPercent' or 'requestsPerTarget'");
        }
        Double cpu = s.has("cpuPercent") ? s.percent("cpuPercent", Defaults.SCALE_ON_CPU_PERCENT) : null;
        return new Service.ScaleOn(cpu, s.optionalInteger("requestsPerTarget", 1, 1_000_000));
    }

    Cdn cdn(String name, Fields f) {
        TierName origin = f.require("origin")
                ? ctx.tierName(f.node("origin"), Set.of("loadBalancers"), f.path("origin")) : null;
        Cdn.StaticAssets staticAssets = null;
        if (f.has("staticAssets")) {
            Fields s = Fields.open(f.node("staticAssets"), f.path("staticAssets"), ctx, List.of("paths"));
            if (s != null && s.require("paths")) {
                List<String> paths = s.strings("paths");
                s.unique("paths", paths);
                if (s.node("paths") instanceof YamlNode.Sequence seq && seq.items().isEmpty()) {
                    ctx.error(s.at("paths"), "required", s.path("paths") + " must list at least one path pattern");
                }
                for (String p : paths) {
                    if (!p.startsWith("/")) {
                        ctx.error(s.at("paths"), "invalid-path", s.path("paths") + " must start with '/', got " + Quoted.of(p));
                    }
                }
                staticAssets = new Cdn.StaticAssets(paths);
            }
        }
        String priceClass = f.choice("priceClass", PRICE_CLASSES, Defaults.PRICE_CLASS);
        List<String> aliases = f.strings("aliases");
        f.unique("aliases", aliases);
        for (String alias : aliases) {
            if (!DOMAIN.matcher(alias).matches()) {
                ctx.error(f.at("aliases"), "invalid-domain", f.path("aliases") + " must be domain names, got " + Quoted.of(alias));
            }
        }
        String certificate = f.string("certificate", null);
        if (!aliases.isEmpty() && certificate == null) {
            ctx.error(f.at("aliases"), "required", f.path("aliases") + " need a 'certificate' (ACM, in us-east-1)");
        }
        if (certificate != null) {
            var m = ACM_ARN.matcher(certificate);
            if (!m.matches()) {
                ctx.error(f.at("certificate"), "invalid-arn", f.path("certificate")
                        + " must be an ACM certificate ARN, got " + Quoted.of(certificate));
            } else if (!"us-east-1".equals(m.group(1))) {
                ctx.error(f.at("certificate"), "invalid-arn", f.path("certificate")
                        + " must be in us-east-1 (CloudFront requires it), got one in " + m.group(1));
            }
        }
        return new Cdn(name, origin, staticAssets, priceClass, aliases, certificate, f.bool("webAcl", Defaults.WEB_ACL));
    }

    static <E extends Enum<E>> Map<String, E> keywords(E[] values) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) {
            map.put(value.name().toLowerCase(Locale.ROOT).replace('_', '-'), value);
        }
        return map;
    }
}
