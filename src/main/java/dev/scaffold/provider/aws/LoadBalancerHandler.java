package dev.scaffold.provider.aws;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * An application load balancer. Its name and scheme are fixed at creation; subnets, security
 * groups and the attributes below change in place.
 *
 * <p>Attributes: {@code name}, {@code scheme}, {@code subnets} and {@code securityGroups} (sorted
 * lists of ids), {@code dropInvalidHeaderFields}, {@code deletionProtection}, {@code idleTimeoutSeconds};
 * computed: {@code dnsName}, {@code canonicalHostedZoneId}, {@code vpcId}. Refs name {@code arn}.
 *
 * <p>Delete never lowers deletion protection itself: protection exists so that removing a load
 * balancer from the blueprint, or destroying the stack, cannot take production down by accident.
 * The user lowers it first (apply with {@code production: false}, which updates it in place) and
 * then destroys; a protected load balancer makes delete fail before any call with that advice.
 */
public final class LoadBalancerHandler implements ResourceHandler {

    public static final String TYPE = "AWS::ElasticLoadBalancingV2::LoadBalancer";

    private static final ElbAttributes ATTRIBUTES = ElbAttributes.of(
            new ElbAttributes.Attribute("dropInvalidHeaderFields", "routing.http.drop_invalid_header_fields.enabled", false),
            new ElbAttributes.Attribute("deletionProtection", "deletion_protection.enabled", false),
            new ElbAttributes.Attribute("idleTimeoutSeconds", "idle_timeout.timeout_seconds", 60));
    private static final Set<String> GONE = Set.of("LoadBalancerNotFound");
    private static final String DUPLICATE = "DuplicateLoadBalancerName";
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration GONE_TIMEOUT = Duration.ofMinutes(10);

    private final ElasticLoadBalancingV2AsyncClient elb;

    public LoadBalancerHandler(ElasticLoadBalancingV2AsyncClient elb) {
        this.elb = elb;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> replaceOn() {
        return Set.of("name", "scheme");
    }

    @Override
    public Set<String> computed() {
        return Set.of("dnsName", "canonicalHostedZoneId", "vpcId");
    }

    /**
     * The region's load balancers with their tags, read once per refresh for this and the listener
     * read ({@link RegionLoadBalancers}); then, as ELBv2 has no batched form of it, one
     * DescribeLoadBalancerAttributes per load balancer of the stack, in parallel.
     */
    @Override
    public Map<ResourceAddress, Observed> read(Collection<ResourceState> known, ReadContext ctx) {
        StackResources stack = new StackResources(known, ctx);
        RegionLoadBalancers region = RegionLoadBalancers.read(elb, ctx);
        Map<LoadBalancer, CompletableFuture<DescribeLoadBalancerAttributesResponse>> attributes = new LinkedHashMap<>();
        for (LoadBalancer lb : region.all()) {
            String arn = lb.loadBalancerArn();
            if (stack.belongs(arn, region.tagsOf(arn))) {
                attributes.put(lb, AwsCalls.readAsync(ctx, "DescribeLoadBalancerAttributes",
                        () -> elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn))));
            }
        }
        attributes.forEach((lb, pending) -> {
            Map<String, String> lbTags = region.tagsOf(lb.loadBalancerArn());
            AwsCalls.joinUnlessGone(pending, GONE).ifPresent(values -> stack.add(lb.loadBalancerArn(), lbTags,
                    address -> observe(address, lb, values.attributes(), lbTags)));
        });
        return stack.result();
    }

    /**
     * Creates the load balancer with its tags, sets its attributes and waits until it is active. A create
     * that meets DuplicateLoadBalancerName goes on with the load balancer of that name if it carries this
     * stack's tags (AWS answers a repeated identical create with the one it made; a differing one with that error).
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return AwsCalls.apply(ctx, "CreateLoadBalancer", () -> elb.createLoadBalancer(r -> r
                        .name(name)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .scheme(LoadBalancerSchemeEnum.fromValue(desired.string("scheme")))
                        .subnets(desired.strings("subnets"))
                        .securityGroups(desired.strings("securityGroups"))
                        .tags(ElbTags.toSdk(spec.tags()))))
                .thenApply(created -> created.loadBalancers().get(0))
                .exceptionallyCompose(failure -> AlreadyExists.recover(ctx, spec, "CreateLoadBalancer", DUPLICATE,
                        "a load balancer named " + name, failure, () -> existing(ctx, name)))
                .thenCompose(lb -> {
                    String arn = lb.loadBalancerArn();
                    return AwsCalls.finishingCreate(observed(spec, lb), modifyAttributes(ctx, arn, desired, ATTRIBUTES.names())
                            .thenCompose(ignored -> awaitActive(ctx, arn))
                            .thenApply(active -> observed(spec, active)));
                });
    }

    /** The load balancer of that name, with its tags, if there is one. */
    private CompletableFuture<Optional<AlreadyExists.Found<LoadBalancer>>> existing(ApplyContext ctx, String name) {
        return AwsCalls.unlessGone(AwsCalls.apply(ctx, "DescribeLoadBalancers",
                        () -> elb.describeLoadBalancers(r -> r.names(name))), GONE)
                .thenCompose(found -> found.flatMap(response -> response.loadBalancers().stream().findFirst())
                        .map(lb -> ElbTags.describeOne(elb, ctx, lb.loadBalancerArn())
                                .thenApply(tags -> Optional.of(new AlreadyExists.Found<>(lb, tags))))
                        .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty())));
    }

    /**
     * Reconciles with the load balancer as AWS holds it now (read with its attributes and tags, in
     * parallel), not as {@code current} remembers it, so changes made outside scaffold are undone too.
     */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, ApplyContext ctx) {
        String arn = current.physicalId();
        return live(ctx, current.address(), arn).thenCompose(live -> {
            Attributes desired = Attributes.of(spec);
            Attributes actual = Attributes.of(live);
            CompletableFuture<?> subnets = desired.differsFrom(actual, "subnets")
                    ? AwsCalls.apply(ctx, "SetSubnets", () -> elb.setSubnets(r -> r
                            .loadBalancerArn(arn).subnets(desired.strings("subnets"))))
                    : CompletableFuture.completedFuture(null);
            return subnets
                    .thenCompose(ignored -> desired.differsFrom(actual, "securityGroups")
                            ? AwsCalls.apply(ctx, "SetSecurityGroups", () -> elb.setSecurityGroups(r -> r
                                    .loadBalancerArn(arn).securityGroups(desired.strings("securityGroups"))))
                            : CompletableFuture.completedFuture(null))
                    .thenCompose(ignored -> modifyAttributes(ctx, arn, desired, ATTRIBUTES.changed(desired, actual)))
                    .thenCompose(ignored -> ElbTags.update(elb, ctx, arn, live.tags(), spec.tags()))
                    .thenCompose(ignored -> awaitActive(ctx, arn))
                    .thenApply(lb -> observed(spec, lb));
        });
    }

    /** The load balancer as AWS holds it now: three reads in parallel. */
    private CompletableFuture<Observed> live(ApplyContext ctx, ResourceAddress address, String arn) {
        CompletableFuture<DescribeLoadBalancersResponse> lb = AwsCalls.apply(ctx, "DescribeLoadBalancers",
                () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)));
        CompletableFuture<DescribeLoadBalancerAttributesResponse> attributes = AwsCalls.apply(ctx,
                "DescribeLoadBalancerAttributes", () -> elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)));
        CompletableFuture<Map<String, String>> tags = ElbTags.describeOne(elb, ctx, arn);
        return CompletableFuture.allOf(lb, attributes, tags).thenApply(ignored -> observe(address,
                lb.join().loadBalancers().get(0), attributes.join().attributes(), tags.join()));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        if (Boolean.TRUE.equals(current.attributes().get("deletionProtection"))) {
            return CompletableFuture.failedFuture(ScaffoldException.failure(current.address()
                    + ": the load balancer " + current.attributes().get("name") + " has deletion protection on;"
                    + " apply with production: false first (that turns it off), then delete it"));
        }
        String arn = current.physicalId();
        return AwsCalls.delete(ctx, "DeleteLoadBalancer", GONE, () -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn)))
                .thenCompose(ignored -> ctx.waitUntil("load balancer deleted",
                        () -> describeOne(ctx, arn), Optional::isEmpty, lb -> false, POLL, GONE_TIMEOUT))
                .thenApply(ignored -> null);
    }

    private CompletableFuture<LoadBalancer> awaitActive(ApplyContext ctx, String arn) {
        return ctx.waitUntil("load balancer active", () -> describeOne(ctx, arn),
                        lb -> lb.map(it -> it.state().code() == LoadBalancerStateEnum.ACTIVE).orElse(false),
                        lb -> lb.map(it -> it.state().code() == LoadBalancerStateEnum.FAILED).orElse(true),
                        POLL, ACTIVE_TIMEOUT)
                .thenApply(Optional::orElseThrow);
    }

    /** The load balancer, or empty once it is gone. */
    private CompletableFuture<Optional<LoadBalancer>> describeOne(ApplyContext ctx, String arn) {
        return AwsCalls.unlessGone(AwsCalls.poll(ctx, "DescribeLoadBalancers",
                        () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(arn))), GONE)
                .thenApply(found -> found.flatMap(response -> response.loadBalancers().stream().findFirst()));
    }

    private CompletableFuture<Void> modifyAttributes(ApplyContext ctx, String arn, Attributes desired,
                                                     Collection<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<LoadBalancerAttribute> attributes = ATTRIBUTES.toAws(desired, names,
                (key, value) -> LoadBalancerAttribute.builder().key(key).value(value).build());
        return AwsCalls.apply(ctx, "ModifyLoadBalancerAttributes", () -> elb.modifyLoadBalancerAttributes(r -> r
                .loadBalancerArn(arn).attributes(attributes))).thenApply(ignored -> null);
    }

    private static Observed observed(ResourceSpec spec, LoadBalancer lb) {
        Attributes desired = Attributes.of(spec);
        Map<String, Object> attributes = base(lb);
        for (String name : ATTRIBUTES.names()) {
            attributes.put(name, desired.values().get(name));
        }
        attributes.putAll(computed(lb));
        return new Observed(spec.address(), TYPE, lb.loadBalancerArn(), lb.loadBalancerArn(), attributes, spec.tags());
    }

    private static Observed observe(ResourceAddress address, LoadBalancer lb, List<LoadBalancerAttribute> values,
                                    Map<String, String> tags) {
        Map<String, Object> attributes = base(lb);
        attributes.putAll(ATTRIBUTES.fromAws(values, LoadBalancerAttribute::key, LoadBalancerAttribute::value));
        attributes.putAll(computed(lb));
        return new Observed(address, TYPE, lb.loadBalancerArn(), lb.loadBalancerArn(), attributes, tags);
    }

    private static Map<String, Object> base(LoadBalancer lb) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", lb.loadBalancerName());
        attributes.put("scheme", lb.schemeAsString());
        attributes.put("subnets", lb.availabilityZones().stream().map(AvailabilityZone::subnetId).sorted().toList());
        attributes.put("securityGroups", lb.securityGroups().stream().sorted().toList());
        return attributes;
    }

    private static Map<String, Object> computed(LoadBalancer lb) {
        Map<String, Object> computed = new LinkedHashMap<>();
        computed.put("dnsName", lb.dnsName());
        computed.put("canonicalHostedZoneId", lb.canonicalHostedZoneId());
        computed.put("vpcId", lb.vpcId());
        return computed;
    }
}
