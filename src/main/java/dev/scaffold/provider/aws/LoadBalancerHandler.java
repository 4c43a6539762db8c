package dev.scaffold.provider.aws;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.state.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.ResourceType;
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
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;

/**
 * An application load balancer ({@link Elbv2Types#LOAD_BALANCER}).
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

    private static final ElbAttributes ATTRIBUTES = ElbAttributes.of(
            new ElbAttributes.Attribute("dropInvalidHeaderFields", "routing.http.drop_invalid_header_fields.enabled", false),
            new ElbAttributes.Attribute("deletionProtection", "deletion_protection.enabled", false),
            new ElbAttributes.Attribute("idleTimeoutSeconds", "idle_timeout.timeout_seconds", 60));
    /** Application load balancers as their ARNs name them. */
    static final TaggedResources.ArnType ARN_TYPE = new TaggedResources.ArnType("elasticloadbalancing", "loadbalancer/app/");
    /** The most ARNs one DescribeLoadBalancers call accepts. */
    private static final int BATCH = 20;
    private static final Set<String> GONE = Set.of("LoadBalancerNotFound");
    private static final String DUPLICATE = "DuplicateLoadBalancerName";
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration GONE_TIMEOUT = Duration.ofMinutes(10);

    private final ElasticLoadBalancingV2AsyncClient elb;
    private final ResourceGroupsTaggingApiAsyncClient tagging;

    public LoadBalancerHandler(ElasticLoadBalancingV2AsyncClient elb, ResourceGroupsTaggingApiAsyncClient tagging) {
        this.elb = elb;
        this.tagging = tagging;
    }

    @Override
    public ResourceType schema() {
        return Elbv2Types.LOAD_BALANCER;
    }

    /**
     * Reads the stack's load balancers by ARN: those the Resource Groups Tagging API returns tagged with
     * the stack ({@link TaggedResources}, one paged GetResources per refresh, shared by every handler)
     * and those the state knows. One DescribeLoadBalancers per 20 ARNs; DescribeTags (per 20) only for
     * known load balancers the tagging read did not return (their stack tags were removed); then, as
     * ELBv2 has no batched form of it, one DescribeLoadBalancerAttributes per load balancer found, in
     * parallel. With nothing known and nothing tagged it makes no call of its own.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        StackResources stack = new StackResources(known, ctx);
        Map<String, Map<String, String>> tagged = TaggedResources.read(tagging, ctx).of(ARN_TYPE);
        List<LoadBalancer> found = IdBatches.describe(ctx, "DescribeLoadBalancers", stack.toDescribe(tagged.keySet()),
                BATCH, GONE, batch -> elb.describeLoadBalancers(r -> r.loadBalancerArns(batch)),
                DescribeLoadBalancersResponse::loadBalancers);
        Map<String, Map<String, String>> tags =
                ElbTags.of(elb, ctx, found.stream().map(LoadBalancer::loadBalancerArn).toList(), tagged);
        Map<LoadBalancer, CompletableFuture<DescribeLoadBalancerAttributesResponse>> attributes = new LinkedHashMap<>();
        for (LoadBalancer lb : found) {
            String arn = lb.loadBalancerArn();
            if (tags.containsKey(arn) && stack.belongs(arn, tags.get(arn))) {
                attributes.put(lb, AwsCalls.readAsync(ctx, "DescribeLoadBalancerAttributes",
                        () -> elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn))));
            }
        }
        attributes.forEach((lb, pending) -> {
            Map<String, String> lbTags = tags.get(lb.loadBalancerArn());
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
                    ctx.created(observed(spec, lb));
                    return modifyAttributes(ctx, arn, desired, ATTRIBUTES.names())
                            .thenCompose(ignored -> awaitActive(ctx, arn))
                            .thenApply(active -> observed(spec, active));
                });
    }

    /** The load balancer of that name, with its tags, if there is one. */
    private CompletableFuture<Optional<AlreadyExists.Found<LoadBalancer>>> existing(ApplyContext ctx, String name) {
        return AwsCalls.unlessGone(AwsCalls.apply(ctx, "DescribeLoadBalancers",
                        () -> elb.describeLoadBalancers(r -> r.names(name))), GONE)
                .thenCompose(found -> ElbTags.withTags(elb, ctx,
                        found.flatMap(response -> response.loadBalancers().stream().findFirst()),
                        LoadBalancer::loadBalancerArn));
    }

    /** Makes the planned changes: subnets, security groups, attributes, tags; then waits until it is active. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String arn = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> subnets = planned.changes("subnets")
                ? AwsCalls.apply(ctx, "SetSubnets", () -> elb.setSubnets(r -> r
                        .loadBalancerArn(arn).subnets(desired.strings("subnets"))))
                : CompletableFuture.completedFuture(null);
        return subnets
                .thenCompose(ignored -> planned.changes("securityGroups")
                        ? AwsCalls.apply(ctx, "SetSecurityGroups", () -> elb.setSecurityGroups(r -> r
                                .loadBalancerArn(arn).securityGroups(desired.strings("securityGroups"))))
                        : CompletableFuture.completedFuture(null))
                .thenCompose(ignored -> modifyAttributes(ctx, arn, desired, planned.among(ATTRIBUTES.names())))
                .thenCompose(ignored -> ElbTags.update(elb, ctx, arn, planned.tags()))
                .thenCompose(ignored -> awaitActive(ctx, arn))
                .thenApply(lb -> observed(spec, lb));
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
        return new Observed(spec.address(), Elbv2Types.LOAD_BALANCER.name(), lb.loadBalancerArn(), lb.loadBalancerArn(), attributes, spec.tags());
    }

    private static Observed observe(ResourceAddress address, LoadBalancer lb, List<LoadBalancerAttribute> values,
                                    Map<String, String> tags) {
        Map<String, Object> attributes = base(lb);
        attributes.putAll(ATTRIBUTES.fromAws(values, LoadBalancerAttribute::key, LoadBalancerAttribute::value));
        attributes.putAll(computed(lb));
        return new Observed(address, Elbv2Types.LOAD_BALANCER.name(), lb.loadBalancerArn(), lb.loadBalancerArn(), attributes, tags);
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
