package dev.scaffold.provider.aws;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;

/**
 * A listener of an application load balancer: its port and protocol, for HTTPS its certificate
 * and TLS policy, and one default action, a forward to a target group or a redirect.
 *
 * <p>Attributes: {@code loadBalancerArn}, {@code port}, {@code protocol}, {@code certificateArn} and
 * {@code sslPolicy} (HTTPS only), {@code defaultAction}: {@code {type: forward, targetGroupArn}} or
 * {@code {type: redirect, protocol, port, host, path, query, statusCode}}. Refs name {@code arn}.
 */
public final class ListenerHandler implements ResourceHandler {

    /** Listeners of application load balancers as their ARNs name them. */
    static final TaggedResources.ArnType ARN_TYPE = new TaggedResources.ArnType("elasticloadbalancing", "listener/app/");
    /** How many listener ARNs one DescribeListeners is given, as for ELBv2's other describes by ARN. */
    private static final int BATCH = 20;
    private static final Set<String> GONE = Set.of("ListenerNotFound");
    private static final Set<String> PARENT_GONE = Set.of("LoadBalancerNotFound");
    private static final List<String> MODIFIABLE = List.of("port", "protocol", "certificateArn", "sslPolicy", "defaultAction");
    private static final String DUPLICATE = "DuplicateListener";

    private final ElasticLoadBalancingV2AsyncClient elb;
    private final ResourceGroupsTaggingApiAsyncClient tagging;

    public ListenerHandler(ElasticLoadBalancingV2AsyncClient elb, ResourceGroupsTaggingApiAsyncClient tagging) {
        this.elb = elb;
        this.tagging = tagging;
    }

    @Override
    public ResourceType schema() {
        return Elbv2Types.LISTENER;
    }

    /**
     * Reads the stack's listeners where {@link ListenerSources} says to find them: the listeners that the
     * Resource Groups Tagging API returns tagged with the stack ({@link TaggedResources}, one paged
     * GetResources per refresh, shared by every handler) and those the state knows, by ARN, one
     * DescribeListeners per 20; and the listeners of each load balancer of the stack (tagged with it, or
     * named by a known listener) none of whose listeners the tagging read returned, one DescribeListeners
     * per load balancer and page, in parallel. Tags the tagging read did not give are read with
     * DescribeTags, one call per 20 listeners. With nothing known and nothing tagged it makes no call of
     * its own.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        StackResources stack = new StackResources(known, ctx);
        TaggedResources stackTagged = TaggedResources.read(tagging, ctx);
        Map<String, Map<String, String>> tagged = stackTagged.of(ARN_TYPE);
        ListenerSources sources = ListenerSources.of(tagged.keySet(),
                stackTagged.of(LoadBalancerHandler.ARN_TYPE).keySet(), known);
        List<Listener> listeners = new ArrayList<>(describeListeners(ctx, sources.loadBalancers()));
        listeners.addAll(IdBatches.describe(ctx, "DescribeListeners", sources.listeners(), BATCH, GONE,
                batch -> elb.describeListeners(r -> r.listenerArns(batch)), DescribeListenersResponse::listeners));
        Map<String, Map<String, String>> tags =
                ElbTags.of(elb, ctx, listeners.stream().map(Listener::listenerArn).toList(), tagged);
        for (Listener listener : listeners) {
            Map<String, String> listenerTags = tags.get(listener.listenerArn());
            if (listenerTags != null) {
                stack.add(listener.listenerArn(), listenerTags, address -> observe(address, listener, listenerTags));
            }
        }
        return stack.result();
    }

    /**
     * Creates the listener with its tags. A create that meets DuplicateListener goes on with the
     * listener on that port of that load balancer if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String loadBalancerArn = desired.string("loadBalancerArn");
        int port = desired.integer("port");
        return AwsCalls.apply(ctx, "CreateListener", () -> elb.createListener(r -> {
            r.loadBalancerArn(loadBalancerArn)
                    .port(port)
                    .protocol(ProtocolEnum.fromValue(desired.string("protocol")))
                    .defaultActions(action(desired.map("defaultAction")))
                    .tags(ElbTags.toSdk(spec.tags()));
            if (desired.has("certificateArn")) {
                r.certificates(Certificate.builder().certificateArn(desired.string("certificateArn")).build())
                        .sslPolicy(desired.string("sslPolicy"));
            }
        })).thenApply(created -> created.listeners().get(0).listenerArn())
                .exceptionallyCompose(failure -> AlreadyExists.recover(ctx, spec, "CreateListener", DUPLICATE,
                        "a listener on port " + port + " of " + loadBalancerArn, failure,
                        () -> existing(ctx, loadBalancerArn, port)))
                .thenApply(arn -> {
                    Observed listener = observed(spec, arn);
                    ctx.created(listener);
                    return listener;
                });
    }

    /** The ARN and tags of the load balancer's listener on that port, if there is one. */
    private CompletableFuture<Optional<AlreadyExists.Found<String>>> existing(ApplyContext ctx, String loadBalancerArn,
                                                                              int port) {
        // A load balancer has at most 50 listeners, so one page of 400 holds them all.
        return AwsCalls.unlessGone(AwsCalls.apply(ctx, "DescribeListeners",
                        () -> elb.describeListeners(r -> r.loadBalancerArn(loadBalancerArn).pageSize(400))), PARENT_GONE)
                .thenCompose(found -> ElbTags.withTags(elb, ctx, found.flatMap(response -> response.listeners().stream()
                        .filter(listener -> listener.port() != null && listener.port() == port).findFirst()
                        .map(Listener::listenerArn)), arn -> arn));
    }

    /** Makes the planned changes; one ModifyListener sets port, protocol, certificate, policy and action together, as HTTP↔HTTPS needs. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String arn = current.physicalId();
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> modify = !planned.changesAny(MODIFIABLE)
                ? CompletableFuture.completedFuture(null)
                : AwsCalls.apply(ctx, "ModifyListener", () -> elb.modifyListener(r -> {
                    r.listenerArn(arn)
                            .port(desired.integer("port"))
                            .protocol(ProtocolEnum.fromValue(desired.string("protocol")))
                            .defaultActions(action(desired.map("defaultAction")));
                    if (desired.has("certificateArn")) {
                        r.certificates(Certificate.builder().certificateArn(desired.string("certificateArn")).build())
                                .sslPolicy(desired.string("sslPolicy"));
                    }
                }));
        return modify
                .thenCompose(done -> ElbTags.update(elb, ctx, arn, planned.tags()))
                .thenApply(done -> observed(spec, arn));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        String arn = current.physicalId();
        return AwsCalls.delete(ctx, "DeleteListener", GONE, () -> elb.deleteListener(r -> r.listenerArn(arn)));
    }

    private List<Listener> describeListeners(ReadContext ctx, Collection<String> loadBalancerArns) {
        List<CompletableFuture<List<Listener>>> pending = new ArrayList<>();
        for (String arn : loadBalancerArns) {
            pending.add(describeListeners(ctx, arn, null, new ArrayList<>()));
        }
        List<Listener> listeners = new ArrayList<>();
        pending.forEach(future -> listeners.addAll(AwsCalls.join(future)));
        return listeners;
    }

    /** The listeners of one load balancer, page after page; none when it is gone. */
    private CompletableFuture<List<Listener>> describeListeners(ReadContext ctx, String loadBalancerArn,
                                                               String marker, List<Listener> found) {
        return AwsCalls.unlessGone(AwsCalls.readAsync(ctx, "DescribeListeners", () -> elb.describeListeners(r -> r
                        .loadBalancerArn(loadBalancerArn).marker(marker).pageSize(400))), PARENT_GONE)
                .thenApply(page -> page.orElseGet(() -> DescribeListenersResponse.builder().build()))
                .thenCompose(response -> {
                    found.addAll(response.listeners());
                    return response.nextMarker() == null
                            ? CompletableFuture.completedFuture(found)
                            : describeListeners(ctx, loadBalancerArn, response.nextMarker(), found);
                });
    }

    private static Action action(Map<String, Object> action) {
        String type = String.valueOf(action.get("type"));
        if (type.equals("forward")) {
            return Action.builder().type(ActionTypeEnum.FORWARD)
                    .targetGroupArn(String.valueOf(action.get("targetGroupArn"))).build();
        }
        if (type.equals("redirect")) {
            return Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r
                    .protocol(String.valueOf(action.get("protocol")))
                    .port(String.valueOf(action.get("port")))
                    .host(String.valueOf(action.get("host")))
                    .path(String.valueOf(action.get("path")))
                    .query(String.valueOf(action.get("query")))
                    .statusCode(String.valueOf(action.get("statusCode")))).build();
        }
        throw new IllegalStateException("unsupported listener action type " + type);
    }

    /** The default action in the spec's vocabulary; the first one, as scaffold sets only one. */
    private static Map<String, Object> action(List<Action> actions) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (actions.isEmpty()) {
            return map;
        }
        Action action = actions.get(0);
        map.put("type", action.typeAsString());
        if (action.type() == ActionTypeEnum.FORWARD) {
            String targetGroup = action.targetGroupArn();
            if (targetGroup == null && action.forwardConfig() != null && action.forwardConfig().targetGroups().size() == 1) {
                targetGroup = action.forwardConfig().targetGroups().get(0).targetGroupArn();
            }
            map.put("targetGroupArn", targetGroup);
        } else if (action.type() == ActionTypeEnum.REDIRECT) {
            RedirectActionConfig redirect = action.redirectConfig();
            map.put("protocol", redirect.protocol());
            map.put("port", redirect.port());
            map.put("host", redirect.host());
            map.put("path", redirect.path());
            map.put("query", redirect.query());
            map.put("statusCode", redirect.statusCodeAsString());
        }
        return map;
    }

    private static Observed observed(ResourceSpec spec, String arn) {
        Attributes desired = Attributes.of(spec);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("loadBalancerArn", desired.string("loadBalancerArn"));
        attributes.put("port", desired.integer("port"));
        attributes.put("protocol", desired.string("protocol"));
        if (desired.has("certificateArn")) {
            attributes.put("certificateArn", desired.string("certificateArn"));
            attributes.put("sslPolicy", desired.string("sslPolicy"));
        }
        Map<String, Object> action = new LinkedHashMap<>(desired.map("defaultAction"));
        attributes.put("defaultAction", action(List.of(action(action))));
        return new Observed(spec.address(), Elbv2Types.LISTENER.name(), arn, arn, attributes, spec.tags());
    }

    private static Observed observe(ResourceAddress address, Listener listener, Map<String, String> tags) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("loadBalancerArn", listener.loadBalancerArn());
        attributes.put("port", listener.port());
        attributes.put("protocol", listener.protocolAsString());
        // Only secure listeners have a certificate and policy; some APIs echo a policy for HTTP ones too.
        if (listener.protocol() == ProtocolEnum.HTTPS) {
            attributes.put("certificateArn", listener.certificates().isEmpty() ? null
                    : listener.certificates().get(0).certificateArn());
            attributes.put("sslPolicy", listener.sslPolicy());
        }
        attributes.put("defaultAction", action(listener.defaultActions()));
        return new Observed(address, Elbv2Types.LISTENER.name(), listener.listenerArn(), listener.listenerArn(), attributes, tags);
    }
}
