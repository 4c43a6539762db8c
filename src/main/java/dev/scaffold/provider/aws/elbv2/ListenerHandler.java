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
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * A listener of an application load balancer: its port and protocol, for HTTPS its certificate
 * and TLS policy, and one default action, a forward to a target group or a redirect.
 *
 * <p>Attributes: {@code loadBalancerArn}, {@code port}, {@code protocol}, {@code certificateArn} and
 * {@code sslPolicy} (HTTPS only), {@code defaultAction}: {@code {type: forward, targetGroupArn}} or
 * {@code {type: redirect, protocol, port, host, path, query, statusCode}}. Refs name {@code arn}.
 *
 * <p>Listeners carry tags, but not every API that speaks the Resource Groups Tagging API returns them,
 * and ELBv2 lists a load balancer's listeners only per load balancer: so a listener the state does not
 * know (its create's answer lost in a crash) is found by its load balancer and port.
 */
public final class ListenerHandler implements ResourceHandler {

    /** Listeners of application load balancers as their ARNs name them. */
    private static final ArnType ARN_TYPE = new ArnType("elasticloadbalancing", "listener/app/");
    /** How many listener ARNs one DescribeListeners is given, as for ELBv2's other describes by ARN. */
    private static final int BATCH = 20;
    /** A load balancer has at most 50 listeners, so one page of 400 holds them all. */
    private static final int ALL_OF_ONE_LOAD_BALANCER = 400;
    private static final Set<String> GONE = Set.of("ListenerNotFound");
    private static final Set<String> PARENT_GONE = Set.of("LoadBalancerNotFound");
    private static final List<String> MODIFIABLE = List.of("port", "protocol", "certificateArn", "sslPolicy", "defaultAction");
    private static final String DUPLICATE = "DuplicateListener";

    private static final SdkAttributes<Listener> ATTRIBUTES = SdkAttributes.describedAs(Listener.builder())
            .writtenTo(CreateListenerRequest.builder(), ModifyListenerRequest.builder())
            .member("loadBalancerArn", "LoadBalancerArn")
            .member("port", "Port")
            .member("protocol", "Protocol")
            .member("certificateArn", "Certificates", ListenerAction::certificateArn, ListenerAction::certificates)
            .member("sslPolicy", "SslPolicy")
            .member("defaultAction", "DefaultActions", ListenerAction::fromActions, ListenerAction::toActions)
            .build();

    /** What names a listener: its load balancer and port. */
    private record OnPort(String loadBalancerArn, int port) {
        static OnPort of(Listener listener) {
            return new OnPort(listener.loadBalancerArn(), listener.port());
        }
    }

    private final AwsClients aws;
    private final ElbTags tags;
    private final TaggedReader<Listener> reader;

    public ListenerHandler(AwsClients aws) {
        this.aws = aws;
        this.tags = new ElbTags(aws);
        this.reader = TaggedReader.of(aws, ARN_TYPE, Listener::listenerArn)
                .describedBy("DescribeListeners", BATCH, GONE, arns -> ElbClient.of(aws)
                        .describeListeners(r -> r.listenerArns(arns)).thenApply(DescribeListenersResponse::listeners))
                .tagsFrom(tags)
                .alsoByName(List.of("loadBalancerArn", "port"),
                        named -> new OnPort(named.string("loadBalancerArn"), named.integer("port")), OnPort::of,
                        this::onPorts)
                .build();
    }

    @Override
    public ResourceType schema() {
        return Elbv2Types.LISTENER;
    }

    /**
     * Reads the listeners the state knows and those the tagging read returned, by ARN, one DescribeListeners
     * per 20; and the blueprint's listeners not found so, through their load balancers, one DescribeListeners
     * per load balancer; tags the tagging read did not give with DescribeTags, one call per 20 listeners.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return reader.read(known, desired, ctx).stream().map(found -> {
            Listener listener = found.resource();
            Map<String, Object> attributes = new LinkedHashMap<>(ATTRIBUTES.read(listener));
            // Only secure listeners have a certificate and policy; some APIs echo a policy for HTTP ones too.
            if (listener.protocol() != ProtocolEnum.HTTPS) {
                attributes.remove("certificateArn");
                attributes.remove("sslPolicy");
            }
            return found.observed(schema().name(), listener.listenerArn(), listener.listenerArn(), attributes);
        }).toList();
    }

    /**
     * Creates the listener with its tags. A create that meets DuplicateListener goes on with the
     * listener on that port of that load balancer if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        OnPort onPort = new OnPort(desired.string("loadBalancerArn"), desired.integer("port"));
        return Creation.call(ctx, spec, "CreateListener", () -> ElbClient.of(aws).createListener(r ->
                        ATTRIBUTES.write(r, desired).tags(ElbTags.toSdk(spec.tags()))),
                        created -> created.listeners().get(0).listenerArn())
                .orExisting(DUPLICATE, "a listener on port " + onPort.port() + " of " + onPort.loadBalancerArn(),
                        () -> onPorts(ApplyCalls.of(ctx), Set.of(onPort))
                                .thenCompose(found -> tags.first(ctx, found.stream().map(Listener::listenerArn).toList(),
                                        arn -> arn)))
                .recorded(arn -> written(spec, arn))
                .thenApply(arn -> written(spec, arn));
    }

    /** Makes the planned changes; one ModifyListener sets port, protocol, certificate, policy and action together, as HTTP↔HTTPS needs. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String arn = current.physicalId();
        Planned planned = new Planned(changes);
        CompletableFuture<?> modify = !planned.changesAny(MODIFIABLE) ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "ModifyListener", () -> ElbClient.of(aws).modifyListener(r ->
                        ATTRIBUTES.write(r.listenerArn(arn), Attributes.of(spec))));
        return modify
                .thenCompose(done -> tags.update(ctx, arn, planned.tags()))
                .thenApply(done -> written(spec, arn));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String arn = current.physicalId();
        return ApplyCalls.callUnless(ctx, "DeleteListener", GONE, () -> ElbClient.of(aws)
                .deleteListener(r -> r.listenerArn(arn)));
    }

    /** The listeners on these ports: one DescribeListeners per load balancer, in parallel; none of a load balancer gone. */
    private CompletableFuture<List<Listener>> onPorts(ApiCalls calls, Collection<OnPort> onPorts) {
        Set<String> loadBalancers = new TreeSet<>();
        onPorts.forEach(onPort -> loadBalancers.add(onPort.loadBalancerArn()));
        List<CompletableFuture<Optional<DescribeListenersResponse>>> pending = loadBalancers.stream()
                .map(arn -> AwsErrors.unless(calls.call("DescribeListeners", () -> ElbClient.of(aws)
                        .describeListeners(r -> r.loadBalancerArn(arn).pageSize(ALL_OF_ONE_LOAD_BALANCER))), PARENT_GONE))
                .toList();
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(done -> pending.stream()
                .flatMap(answer -> answer.join().stream())
                .flatMap(answer -> answer.listeners().stream())
                .filter(listener -> listener.port() != null && onPorts.contains(OnPort.of(listener)))
                .toList());
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return ATTRIBUTES.written(spec, Elbv2Types.LISTENER.name(), arn, arn, null);
    }
}
