package dev.scaffold.plan;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Resources, handlers and observations for plan tests: a security group, an ALB, a listener and a VPC. */
public final class PlanFixtures {

    public static final String SG = "AWS::EC2::SecurityGroup";
    public static final String ALB = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    public static final String LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
    public static final String VPC = "AWS::EC2::VPC";
    public static final String DB = "AWS::RDS::DBInstance";

    public static final ResourceAddress SG_ADDR = ResourceAddress.parse("loadBalancers.web.sg");
    public static final ResourceAddress ALB_ADDR = ResourceAddress.parse("loadBalancers.web.alb");
    public static final ResourceAddress LISTENER_ADDR = ResourceAddress.parse("loadBalancers.web.listener-https");
    public static final ResourceAddress VPC_ADDR = ResourceAddress.parse("network.default.vpc");
    public static final ResourceAddress DB_ADDR = ResourceAddress.parse("databases.main.primary");

    public static final Map<String, String> TAGS = Map.of("scaffold:stack", "shop", "team", "web");

    private PlanFixtures() {
    }

    public static HandlerRegistry handlers() {
        return HandlerRegistry.of(
                new StubHandler(SG, Set.of("name", "vpcId"), Set.of("ownerId")),
                new StubHandler(ALB, Set.of("scheme"), Set.of("dnsName")),
                new StubHandler(LISTENER, Set.of(), Set.of()),
                new StubHandler(VPC, Set.of(), Set.of()),
                new StubHandler(DB, Set.of("engine"), Set.of("endpoint")));
    }

    /** An ordered map from alternating names and values, as attributes are ordered. */
    public static Map<String, Object> attrs(Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put((String) nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    public static Ref ref(ResourceAddress address, String attribute) {
        return new Ref(address, attribute);
    }

    public static ResourceSpec spec(ResourceAddress address, String type, Map<String, Object> attributes) {
        return ResourceSpec.managed(address, type, attributes, TAGS);
    }

    public static ResourceSpec dataSpec(ResourceAddress address, String type) {
        return new ResourceSpec(address, type, Mode.DATA, Map.of(), Map.of(), Set.of(), Set.of());
    }

    public static Observed observed(ResourceAddress address, String type, String id, Map<String, Object> attributes) {
        return new Observed(address, type, id, "arn:aws:test:::" + id, attributes, TAGS);
    }

    public static ResourceState stored(Observed observed, ResourceAddress... dependencies) {
        return new ResourceState(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                observed.attributes(), Set.of(Arrays.copyOf(dependencies, dependencies.length)), ResourceStatus.OK);
    }

    /** A handler that knows its replace-on and computed attributes and does nothing else. */
    record StubHandler(String type, Set<String> replaceOn, Set<String> computed) implements ResourceHandler {

        @Override
        public Map<ResourceAddress, Observed> read(Collection<ResourceState> known, ReadContext ctx) {
            throw new UnsupportedOperationException("the differ never reads AWS");
        }

        @Override
        public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
            throw new UnsupportedOperationException("the differ never creates");
        }

        @Override
        public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, ApplyContext ctx) {
            throw new UnsupportedOperationException("the differ never updates");
        }

        @Override
        public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
            throw new UnsupportedOperationException("the differ never deletes");
        }
    }
}
