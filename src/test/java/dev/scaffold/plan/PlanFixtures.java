package dev.scaffold.plan;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.ResourceTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Resources, schemas and observations for plan tests: a security group, an ALB, a listener and a VPC. */
public final class PlanFixtures {

    public static final String SG = "AWS::EC2::SecurityGroup";
    public static final String ALB = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    public static final String LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
    public static final String VPC = "AWS::EC2::VPC";
    public static final String DB = "AWS::RDS::DBInstance";
    public static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
    public static final String CACHE = "AWS::ElastiCache::ReplicationGroup";
    public static final String BUCKET = "AWS::S3::Bucket";

    public static final ResourceAddress SG_ADDR = ResourceAddress.parse("loadBalancers.web.sg");
    public static final ResourceAddress ALB_ADDR = ResourceAddress.parse("loadBalancers.web.alb");
    public static final ResourceAddress LISTENER_ADDR = ResourceAddress.parse("loadBalancers.web.listener-https");
    public static final ResourceAddress VPC_ADDR = ResourceAddress.parse("network.default.vpc");
    public static final ResourceAddress DB_ADDR = ResourceAddress.parse("databases.main.primary");

    public static final Map<String, String> TAGS = Map.of("scaffold:stack", "shop", "team", "web");

    public static final UUID LINEAGE = UUID.fromString("6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c");

    private PlanFixtures() {
    }

    /**
     * A plan with one of each action, made by the differ: the security group opens a port (update),
     * the ALB turns internal (replace), so its listener's ARN is known after apply (update), a target
     * group is new (create), the database's password changes (sensitive update), the old cache goes
     * (delete), and an orphaned bucket is adopted as it is (no-op).
     */
    public static Plan samplePlan() {
        ResourceAddress tg = ResourceAddress.parse("services.app.target-group");
        ResourceAddress cache = ResourceAddress.parse("caches.sessions.group");
        ResourceAddress bucket = ResourceAddress.parse("cdn.site.bucket");
        List<ResourceSpec> desired = List.of(
                dataSpec(VPC_ADDR, VPC),
                spec(SG_ADDR, SG, attrs("name", "shop-web", "vpcId", ref(VPC_ADDR, "id"), "ingress", List.of(443, 80))),
                spec(ALB_ADDR, ALB, attrs("name", "shop-web", "scheme", "internal", "idleTimeout", 60,
                        "securityGroups", List.of(ref(SG_ADDR, "id")))),
                spec(LISTENER_ADDR, LISTENER, attrs("loadBalancerArn", ref(ALB_ADDR, "arn"), "port", 443,
                        "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")),
                spec(tg, TARGET_GROUP, attrs("port", 8080, "vpcId", ref(VPC_ADDR, "id"),
                        "healthCheck", attrs("path", "/health", "interval", 30))),
                new ResourceSpec(DB_ADDR, DB, Mode.MANAGED, attrs("engine", "postgres", "instanceClass", "db.t4g.medium",
                        "masterPassword", "n3w-s3cret"), TAGS, Set.of(), Set.of("masterPassword")),
                spec(bucket, BUCKET, attrs("name", "shop-site-assets")));
        Map<ResourceAddress, Observed> actual = new LinkedHashMap<>();
        List<ResourceState> stored = new ArrayList<>();
        Observed vpc = observed(VPC_ADDR, VPC, "vpc-1", attrs());
        Observed sg = observed(SG_ADDR, SG, "sg-1", attrs("name", "shop-web", "vpcId", "vpc-1", "ingress", List.of(443)));
        Observed alb = observed(ALB_ADDR, ALB, "alb-1", attrs("name", "shop-web", "scheme", "internet-facing",
                "idleTimeout", 60, "securityGroups", List.of("sg-1")));
        Observed listener = observed(LISTENER_ADDR, LISTENER, "listener-1", attrs("loadBalancerArn",
                "arn:aws:test:::alb-1", "port", 443, "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"));
        Observed db = observed(DB_ADDR, DB, "shop-main", attrs("engine", "postgres", "instanceClass", "db.t4g.medium",
                "masterPassword", "0ld-s3cret"));
        Observed oldCache = observed(cache, CACHE, "shop-sessions", attrs("engine", "redis"));
        Observed orphan = observed(bucket, BUCKET, "shop-site-assets", attrs("name", "shop-site-assets"));
        for (Observed o : List.of(vpc, sg, alb, listener, db, oldCache, orphan)) {
            actual.put(o.address(), o);
        }
        stored.add(stored(sg));
        stored.add(stored(alb, SG_ADDR));
        stored.add(stored(listener, ALB_ADDR));
        stored.add(stored(db));
        stored.add(stored(oldCache));
        Map<ResourceAddress, ResourceState> byAddress = new LinkedHashMap<>();
        stored.forEach(r -> byAddress.put(r.address(), r));
        State state = new State(1, "shop", "prod", LINEAGE, 3, byAddress, Map.of());
        return new Differ(types()).diff(DiffInput.of(PlanMode.NORMAL,
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                DesiredGraph.of(desired), state, LOCATION, actual));
    }

    /** The schemas of the fixture types: what forces a replace, what AWS computes. */
    public static ResourceTypes types() {
        return ResourceTypes.of(List.of(
                ResourceType.managed(SG).forcesReplace("name", "vpcId").computed("ownerId").build(),
                ResourceType.managed(ALB).forcesReplace("scheme").computed("dnsName").build(),
                ResourceType.managed(LISTENER).build(),
                ResourceType.lookup(VPC).build(),
                ResourceType.managed(DB).forcesReplace("engine").computed("endpoint").build(),
                ResourceType.managed(TARGET_GROUP).forcesReplace("port").build(),
                ResourceType.managed(CACHE).forcesReplace("engine").build(),
                ResourceType.managed(BUCKET).forcesReplace("name").build()));
    }

    /** Where the fixture plans are made. */
    public static final DiffInput.Location LOCATION = new DiffInput.Location("us-east-1", "123456789012");

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
}
