package dev.scaffold.provider.aws.elbv2;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.SharedPolls;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

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

    /** Application load balancers as their ARNs name them. */
    private static final ArnType ARN_TYPE = new ArnType("elasticloadbalancing", "loadbalancer/app/");
    /** The most ARNs one DescribeLoadBalancers call accepts. */
    private static final int BATCH = 20;
    private static final Set<String> GONE = Set.of("LoadBalancerNotFound");
    private static final String DUPLICATE = "DuplicateLoadBalancerName";
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration GONE_TIMEOUT = Duration.ofMinutes(10);

    private static final SdkAttributes<LoadBalancer> ATTRIBUTES = SdkAttributes.describedAs(LoadBalancer.builder())
            .writtenTo(CreateLoadBalancerRequest.builder())
            .member("name", "LoadBalancerName", "Name")
            .member("scheme", "Scheme")
            .read("subnets", lb -> lb.availabilityZones().stream().map(AvailabilityZone::subnetId).sorted().toList(),
                    "Subnets")
            .read("securityGroups", lb -> lb.securityGroups().stream().sorted().toList(), "SecurityGroups")
            .computed("dnsName", "DNSName")
            .computed("canonicalHostedZoneId", "CanonicalHostedZoneId")
            .computed("vpcId", "VpcId")
            .build();
    private static final List<ElbAttributes.Attribute> SETTINGS = List.of(
            new ElbAttributes.Attribute("dropInvalidHeaderFields", "routing.http.drop_invalid_header_fields.enabled", false),
            new ElbAttributes.Attribute("deletionProtection", "deletion_protection.enabled", false),
            new ElbAttributes.Attribute("idleTimeoutSeconds", "idle_timeout.timeout_seconds", 60));

    private final AwsClients aws;
    private final ElbTags tags;
    private final TaggedReader<LoadBalancer> reader;
    private final ElbAttributes<LoadBalancerAttribute> settings;
    private final SharedPolls<LoadBalancer> polls;

    public LoadBalancerHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new ElbTags(aws);
        this.reader = TaggedReader.of(aws, ARN_TYPE, LoadBalancer::loadBalancerArn)
                .describedBy("DescribeLoadBalancers", BATCH, GONE, arns -> ElbClient.of(aws)
                        .describeLoadBalancers(r -> r.loadBalancerArns(arns))
                        .thenApply(DescribeLoadBalancersResponse::loadBalancers))
                .tagsFrom(tags)
                .alsoByName(List.of("name"), named -> named.string("name"), LoadBalancer::loadBalancerName, this::named)
                .build();
        this.settings = new ElbAttributes<LoadBalancerAttribute>(SETTINGS, GONE)
                .readBy("DescribeLoadBalancerAttributes", arn -> ElbClient.of(aws)
                                .describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).thenApply(r -> r.attributes()),
                        LoadBalancerAttribute::key, LoadBalancerAttribute::value)
                .writtenBy("ModifyLoadBalancerAttributes", (key, value) -> LoadBalancerAttribute.builder().key(key)
                        .value(value).build(), (arn, values) -> ElbClient.of(aws)
                        .modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(values)));
        this.polls = new SharedPolls<>("DescribeLoadBalancers", BATCH, GONE, POLL, arns -> ElbClient.of(aws)
                .describeLoadBalancers(r -> r.loadBalancerArns(arns))
                .thenApply(DescribeLoadBalancersResponse::loadBalancers), LoadBalancer::loadBalancerArn);
    }

    @Override
    public ResourceType schema() {
        return Elbv2Types.LOAD_BALANCER;
    }

    /**
     * Reads the stack's load balancers by ARN, one DescribeLoadBalancers per 20, and those the blueprint
     * names but neither the state nor the tagging read knows, by name (so a plan sees one of another stack
     * that has the name); then, as ELBv2 has no batched form of it, one DescribeLoadBalancerAttributes per
     * load balancer found, in parallel.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return settings.observed(ctx, reader.read(known, desired, ctx), schema().name(), LoadBalancer::loadBalancerArn,
                ATTRIBUTES);
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
        return Creation.call(ctx, spec, "CreateLoadBalancer", () -> ElbClient.of(aws).createLoadBalancer(r ->
                        ATTRIBUTES.write(r, desired).type(LoadBalancerTypeEnum.APPLICATION).tags(ElbTags.toSdk(spec.tags()))),
                        created -> created.loadBalancers().get(0))
                .orExisting(DUPLICATE, "a load balancer named " + name, () -> named(
                        ApplyCalls.of(ctx), List.of(name))
                        .thenCompose(found -> tags.first(ctx, found, LoadBalancer::loadBalancerArn)))
                .recorded(lb -> written(spec, lb))
                .thenCompose(lb -> {
                    polls.expect(lb.loadBalancerArn());
                    return settings.modify(ctx, lb.loadBalancerArn(), desired, settings.names())
                            .thenCompose(ignored -> awaitActive(ctx, lb.loadBalancerArn()))
                            .thenApply(active -> written(spec, active));
                });
    }

    /** Makes the planned changes: subnets, security groups, attributes, tags; then waits until it is active. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String arn = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> subnets = !planned.changes("subnets") ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "SetSubnets", () -> ElbClient.of(aws).setSubnets(r ->
                        ATTRIBUTES.write(r.loadBalancerArn(arn), desired, List.of("subnets"))));
        return subnets
                .thenCompose(ignored -> !planned.changes("securityGroups") ? ApplyCalls.none()
                        : ApplyCalls.call(ctx, "SetSecurityGroups", () -> ElbClient.of(aws).setSecurityGroups(r ->
                                ATTRIBUTES.write(r.loadBalancerArn(arn), desired, List.of("securityGroups")))))
                .thenCompose(ignored -> settings.modify(ctx, arn, desired, planned.among(settings.names())))
                .thenCompose(ignored -> tags.update(ctx, arn, planned.tags()))
                .thenCompose(ignored -> awaitActive(ctx, arn))
                .thenApply(lb -> written(spec, lb));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String arn = current.physicalId();
        // A plan deletes a protected load balancer only when the blueprint turns its protection off: lower it first.
        CompletableFuture<Void> unprotected = Boolean.TRUE.equals(current.attributes().get("deletionProtection"))
                ? settings.modify(ctx, arn, new Attributes(current.address(), Map.of("deletionProtection", false)),
                        List.of("deletionProtection"))
                : ApplyCalls.none();
        return unprotected.thenCompose(ignored -> ApplyCalls.callUnless(ctx, "DeleteLoadBalancer", GONE,
                        () -> ElbClient.of(aws).deleteLoadBalancer(r -> r.loadBalancerArn(arn))))
                .thenCompose(ignored -> ctx.waitUntil("load balancer deleted", () -> polls.poll(ctx, arn),
                        Optional::isEmpty, lb -> false, POLL, GONE_TIMEOUT))
                .whenComplete((done, failure) -> polls.done(arn))
                .thenApply(ignored -> null);
    }

    private CompletableFuture<LoadBalancer> awaitActive(ApplyContext ctx, String arn) {
        return ctx.waitUntil("load balancer active", () -> polls.poll(ctx, arn),
                        lb -> lb.map(it -> it.state().code() == LoadBalancerStateEnum.ACTIVE).orElse(false),
                        lb -> lb.map(it -> it.state().code() == LoadBalancerStateEnum.FAILED).orElse(true),
                        POLL, ACTIVE_TIMEOUT)
                .whenComplete((done, failure) -> polls.done(arn))
                .thenApply(Optional::orElseThrow);
    }

    /** The load balancers of these names, one call each: ELBv2 fails a describe of several names if one is missing. */
    private CompletableFuture<List<LoadBalancer>> named(ApiCalls calls, Collection<String> names) {
        return IdBatches.describe(calls, "DescribeLoadBalancers", names, 1, GONE, batch -> ElbClient.of(aws)
                .describeLoadBalancers(r -> r.names(batch)).thenApply(DescribeLoadBalancersResponse::loadBalancers));
    }

    private static Observed written(ResourceSpec spec, LoadBalancer lb) {
        return ATTRIBUTES.written(spec, Elbv2Types.LOAD_BALANCER.name(), lb.loadBalancerArn(), lb.loadBalancerArn(), lb);
    }
}
