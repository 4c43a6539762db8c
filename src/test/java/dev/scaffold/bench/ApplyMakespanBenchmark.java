package dev.scaffold.bench;

import dev.scaffold.apply.DurationEstimate;
import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.Executor;
import dev.scaffold.apply.InMemoryStateStore;
import dev.scaffold.apply.ProgressListener;
import dev.scaffold.apply.ScriptedHandler.Script;
import dev.scaffold.apply.ScriptedHandler;
import dev.scaffold.apply.Timeline;
import dev.scaffold.graph.CriticalPath;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.Standing;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/**
 * Measures apply's makespan against the critical path of a synthetic 612-resource graph shaped
 * like real stacks (DESIGN.md §11: target ≤ 1.05 at the default parallelism), and compares a walk
 * that holds its call slot while it waits.
 *
 * <p>Each resource takes its type's typical latency from {@link #TYPICAL}, the latencies the tiers'
 * types show on AWS (read replicas, slower than a primary, under a type of their own here): up to
 * 10 s it is all call time, holding a permit; beyond, a one-second create call and then a wait,
 * polled (default every 10 s) with 200 ms describe calls that each hold a permit too.
 *
 * <p>Real time is scaled down, by default so that one real minute takes 300 ms: the JVM's and the
 * OS's scheduling jitter (tens of milliseconds on a busy 2-core machine) does not shrink with the
 * scale, so a much smaller scale measures that jitter rather than the executor. With
 * {@code -Dbench.verbose=true} each run also shows, along the chain that finished last, how long
 * each resource waited to start after its dependencies were recorded, how much longer than
 * scripted it ran, and how long recording took. Run with:
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=dev.scaffold.bench.ApplyMakespanBenchmark \
 *     -Dexec.classpathScope=test [-Dexec.args="MS_PER_MINUTE STACKS RUNS POLL_SECONDS"]   (defaults: 300 18 3 10)
 * </pre>
 */
public final class ApplyMakespanBenchmark {

    private static final Duration CALL = Duration.ofSeconds(1);
    private static final Duration SYNCHRONOUS = Duration.ofSeconds(10);
    private static final Duration POLL_CALL = Duration.ofMillis(200);
    private static final String RDS_INSTANCE = "AWS::RDS::DBInstance";
    private static final String RDS_REPLICA = "Bench::RDS::ReadReplica";

    private final boolean verbose = Boolean.getBoolean("bench.verbose");
    private final double scale; // scaled nanoseconds per real nanosecond
    private final Duration pollInterval;
    /** Typical create latencies on AWS of the types a full web stack has, waits included. */
    static final Map<String, Duration> TYPICAL = Map.ofEntries(
            Map.entry("AWS::EC2::SecurityGroup", Duration.ofSeconds(2)),
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", Duration.ofMinutes(3)),
            Map.entry("AWS::ElasticLoadBalancingV2::TargetGroup", Duration.ofSeconds(2)),
            Map.entry("AWS::ElasticLoadBalancingV2::Listener", Duration.ofSeconds(2)),
            Map.entry("AWS::WAFv2::WebACL", Duration.ofSeconds(5)),
            Map.entry("AWS::WAFv2::WebACLAssociation", Duration.ofSeconds(30)),
            Map.entry("AWS::IAM::Role", Duration.ofSeconds(3)),
            Map.entry("AWS::IAM::InstanceProfile", Duration.ofSeconds(10)),
            Map.entry("AWS::EC2::LaunchTemplate", Duration.ofSeconds(2)),
            Map.entry("AWS::AutoScaling::AutoScalingGroup", Duration.ofMinutes(3)),
            Map.entry("AWS::AutoScaling::ScalingPolicy", Duration.ofSeconds(2)),
            Map.entry("AWS::RDS::DBSubnetGroup", Duration.ofSeconds(3)),
            Map.entry("AWS::RDS::DBParameterGroup", Duration.ofSeconds(3)),
            Map.entry(RDS_INSTANCE, Duration.ofMinutes(10)),
            Map.entry(RDS_REPLICA, Duration.ofMinutes(12)),
            Map.entry("AWS::ElastiCache::SubnetGroup", Duration.ofSeconds(3)),
            Map.entry("AWS::ElastiCache::ReplicationGroup", Duration.ofMinutes(12)),
            Map.entry("AWS::S3::Bucket", Duration.ofSeconds(3)),
            Map.entry("AWS::S3::BucketPolicy", Duration.ofSeconds(2)),
            Map.entry("AWS::CloudFront::OriginAccessControl", Duration.ofSeconds(2)),
            Map.entry("AWS::CloudFront::Distribution", Duration.ofMinutes(8)),
            Map.entry("AWS::SNS::Topic", Duration.ofSeconds(2)),
            Map.entry("AWS::SNS::Subscription", Duration.ofSeconds(2)),
            Map.entry("AWS::CloudWatch::Alarm", Duration.ofSeconds(2)));
    private static final Duration OTHER = Duration.ofSeconds(5);
    private final DurationEstimate typical = DurationEstimate.of(TYPICAL, OTHER);

    private ApplyMakespanBenchmark(double msPerMinute, Duration pollInterval) {
        this.scale = msPerMinute / 60_000.0;
        this.pollInterval = pollInterval;
    }

    public static void main(String[] args) {
        double msPerMinute = args.length > 0 ? Double.parseDouble(args[0]) : 300;
        int stacks = args.length > 1 ? Integer.parseInt(args[1]) : 18;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Duration pollInterval = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 10);
        new ApplyMakespanBenchmark(msPerMinute, pollInterval).run(stacks, runs, msPerMinute);
    }

    private void run(int stacks, int runs, double msPerMinute) {
        DesiredGraph graph = DesiredGraph.of(StackShape.specs(stacks));
        CriticalPath<ResourceAddress> critical = graph.criticalPath(spec -> scaled(typical(spec)).toNanos());
        CriticalPath<ResourceAddress> real = graph.criticalPath(spec -> typical(spec).toNanos());
        Plan plan = createAll(graph);
        System.out.printf(Locale.ROOT, "resources: %d (%d stacks), parallelism %d, 1 real minute = %.0f ms,"
                        + " waits polled every %d s real%n",
                graph.size(), stacks, ExecutionRequest.DEFAULT_PARALLELISM, msPerMinute, pollInterval.toSeconds());
        System.out.printf(Locale.ROOT, "critical path: %s real = %.1f ms scaled, %d resources: %s%n",
                real(Duration.ofNanos(real.weight())), critical.weight() / 1e6, critical.nodes().size(), critical.describe());
        System.out.println("estimate: " + typical.estimate(plan).describe());

        measure(graph, plan, UnaryOperator.identity()); // warm-up, not reported
        List<Double> ratios = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Measurement m = measure(graph, plan, UnaryOperator.identity());
            ratios.add(m.makespanNanos() / (double) critical.weight());
            System.out.printf(Locale.ROOT, "executor run %d: makespan %.1f ms, ratio %.3f, most calls in flight %d, %s%n",
                    i, m.makespanNanos() / 1e6, ratios.get(ratios.size() - 1), m.mostCallsInFlight(), m.summary());
        }
        ratios.sort(Double::compare);
        System.out.printf(Locale.ROOT, "executor median ratio: %.3f (target <= 1.05)%n", ratios.get(ratios.size() / 2));

        Measurement naive = measure(graph, plan, ScriptedHandler::holdingSlotWhileWaiting);
        System.out.printf(Locale.ROOT, "naive walk holding a slot while waiting: makespan %.1f ms, ratio %.2f, %s%n",
                naive.makespanNanos() / 1e6, naive.makespanNanos() / (double) critical.weight(), naive.summary());
    }

    private record Measurement(long makespanNanos, int mostCallsInFlight, String summary) { }

    // Along the chain that finished last: how long each resource waited to start once its
    // dependencies were done, and how much longer than scripted it ran (poll lag, permit queues).
    private String lateness(DesiredGraph graph, Timeline timeline, long start) {
        ResourceAddress last = null;
        for (ResourceSpec spec : graph.resources()) {
            if (last == null || timeline.when(spec.address(), "create finished") > timeline.when(last, "create finished")) {
                last = spec.address();
            }
        }
        List<String> parts = new ArrayList<>();
        long startLate = 0;
        long runLate = 0;
        for (ResourceAddress at = last; at != null; ) {
            ResourceAddress previous = null;
            long ready = start;
            for (ResourceAddress need : graph.dependenciesOf(at)) {
                if (timeline.when(need, "create finished") > ready) {
                    ready = timeline.when(need, "create finished");
                    previous = need;
                }
            }
            long began = timeline.when(at, "create started");
            if (previous != null) {
                parts.add(0, String.format(Locale.ROOT, "(write %.1f)", (timeline.when(previous, "recorded") - ready) / 1e6));
            }
            long ran = timeline.when(at, "create finished") - began;
            long scripted = scaled(typical(graph.get(at).orElseThrow())).toNanos();
            startLate += began - ready;
            runLate += ran - scripted;
            parts.add(0, String.format(Locale.ROOT, "%s +%.1f/+%.1f", at, (began - ready) / 1e6, (ran - scripted) / 1e6));
            at = previous;
        }
        return String.format(Locale.ROOT, "last chain: start delay %.1f ms, run delay %.1f ms [%s]",
                startLate / 1e6, runLate / 1e6, String.join(", ", parts));
    }

    private Measurement measure(DesiredGraph graph, Plan plan, UnaryOperator<ScriptedHandler> variant) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            Timeline timeline = new Timeline();
            List<ScriptedHandler> handlers = new ArrayList<>();
            for (String type : StackShape.TYPES) {
                handlers.add(variant.apply(handler(type, plan, timeline, scheduler)));
            }
            State prior = State.empty("bench", null);
            ExecutionRequest request = ExecutionRequest.of(plan, new HandlerRegistry(handlers), prior,
                    new InMemoryStateStore(prior), scheduler).withEstimate(typical).withProgress(new ProgressListener() {
                        @Override
                        public void finished(ResourceAddress address, Action action, Duration elapsed) {
                            timeline.record(address, "recorded");
                        }
                    });
            long start = System.nanoTime();
            ExecutionResult result = new Executor().execute(request);
            long makespan = System.nanoTime() - start;
            if (!result.succeeded()) {
                throw new IllegalStateException("benchmark apply failed: " + result.failures());
            }
            return new Measurement(makespan, timeline.mostCallsInFlight(),
                    result.state().resources().size() + " recorded, serial " + result.state().serial()
                            + (verbose ? "\n    " + lateness(graph, timeline, start) : ""));
        } finally {
            scheduler.shutdownNow();
        }
    }

    // One handler per type; each resource's script follows its own typical latency (a replica's differs).
    private ScriptedHandler handler(String type, Plan plan, Timeline timeline, ScheduledExecutorService scheduler) {
        ScriptedHandler handler = new ScriptedHandler(type, Script.of(0, 0), timeline, scheduler);
        for (ResourceChange change : plan.changes()) {
            if (change.type().equals(type)) {
                handler.script(change.address(), script(typical(change.desired())));
            }
        }
        return handler;
    }

    // Short-lived types (security groups, listeners, alarms) are made by synchronous calls; the
    // slow ones return from their create call at once and are then waited for.
    private Script script(Duration total) {
        Duration call = total.compareTo(SYNCHRONOUS) <= 0 ? total : CALL;
        Duration wait = total.minus(call);
        return new Script(scaled(call), scaled(wait), scaled(pollInterval), scaled(POLL_CALL),
                ScriptedHandler.Outcome.SUCCEEDS);
    }

    private static Duration typical(ResourceSpec spec) {
        return TYPICAL.getOrDefault(spec.type(), OTHER);
    }

    private Duration scaled(Duration real) {
        return Duration.ofNanos(Math.round(real.toNanos() * scale));
    }

    private static String real(Duration duration) {
        return duration.toMinutes() + "m" + String.format(Locale.ROOT, "%02d", duration.toSecondsPart()) + "s";
    }

    private static Plan createAll(DesiredGraph graph) {
        List<ResourceChange> changes = graph.resources().stream()
                .map(spec -> new ResourceChange(spec.address(), spec.type(), Action.CREATE, spec, null, List.of(),
                        Set.of(), spec.dependencies(), Standing.NEW))
                .toList();
        return new Plan(Plan.FORMAT_VERSION, PlanMode.NORMAL, "bench", null, java.util.UUID.randomUUID(), 0,
                "us-east-1", "123456789012", "sha256:bench", changes, List.of(), List.of());
    }

    /** The resources of one web stack as the components expand them, repeated. */
    private static final class StackShape {

        static final List<String> TYPES = List.of(
                "AWS::EC2::SecurityGroup", "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::Listener",
                "AWS::WAFv2::WebACL", "AWS::WAFv2::WebACLAssociation", "AWS::IAM::Role", "AWS::IAM::InstanceProfile",
                "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::AutoScalingGroup", "AWS::AutoScaling::ScalingPolicy",
                "AWS::RDS::DBSubnetGroup", "AWS::RDS::DBParameterGroup", RDS_INSTANCE, RDS_REPLICA,
                "AWS::ElastiCache::SubnetGroup", "AWS::ElastiCache::ReplicationGroup", "AWS::S3::Bucket",
                "AWS::S3::BucketPolicy", "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::Distribution",
                "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::CloudWatch::Alarm");

        private final List<ResourceSpec> specs = new ArrayList<>();

        static List<ResourceSpec> specs(int stacks) {
            StackShape shape = new StackShape();
            for (int i = 0; i < stacks; i++) {
                shape.stack(i);
            }
            return shape.specs;
        }

        private void stack(int i) {
            String lb = "loadBalancers.web" + i + ".";
            String app = "services.app" + i + ".";
            String db = "databases.db" + i + ".";
            String cache = "caches.cache" + i + ".";
            String cdn = "cdn.site" + i + ".";
            String mon = "monitoring.m" + i + ".";

            add(lb + "sg", "AWS::EC2::SecurityGroup");
            add(lb + "alb", "AWS::ElasticLoadBalancingV2::LoadBalancer", lb + "sg");
            add(lb + "target-group", "AWS::ElasticLoadBalancingV2::TargetGroup");
            add(lb + "listener-https", "AWS::ElasticLoadBalancingV2::Listener", lb + "alb", lb + "target-group");
            add(lb + "listener-http", "AWS::ElasticLoadBalancingV2::Listener", lb + "alb");
            add(lb + "web-acl", "AWS::WAFv2::WebACL");
            add(lb + "web-acl-association", "AWS::WAFv2::WebACLAssociation", lb + "alb", lb + "web-acl");

            add(app + "sg", "AWS::EC2::SecurityGroup", lb + "sg");
            add(app + "role", "AWS::IAM::Role");
            add(app + "instance-profile", "AWS::IAM::InstanceProfile", app + "role");
            add(app + "launch-template", "AWS::EC2::LaunchTemplate", app + "sg", app + "instance-profile");
            add(app + "asg", "AWS::AutoScaling::AutoScalingGroup", app + "launch-template", lb + "target-group");
            add(app + "scaling-policy", "AWS::AutoScaling::ScalingPolicy", app + "asg");

            add(db + "sg", "AWS::EC2::SecurityGroup", app + "sg");
            add(db + "subnet-group", "AWS::RDS::DBSubnetGroup");
            add(db + "parameter-group", "AWS::RDS::DBParameterGroup");
            add(db + "primary", "AWS::RDS::DBInstance", db + "sg", db + "subnet-group", db + "parameter-group");
            add(db + "replica[0]", RDS_REPLICA, db + "primary");
            add(db + "replica[1]", RDS_REPLICA, db + "primary");

            add(cache + "sg", "AWS::EC2::SecurityGroup", app + "sg");
            add(cache + "subnet-group", "AWS::ElastiCache::SubnetGroup");
            add(cache + "replication-group", "AWS::ElastiCache::ReplicationGroup", cache + "sg", cache + "subnet-group");

            add(cdn + "bucket", "AWS::S3::Bucket");
            add(cdn + "origin-access-control", "AWS::CloudFront::OriginAccessControl");
            add(cdn + "distribution", "AWS::CloudFront::Distribution",
                    lb + "alb", cdn + "bucket", cdn + "origin-access-control");
            add(cdn + "bucket-policy", "AWS::S3::BucketPolicy", cdn + "bucket", cdn + "distribution");

            add(mon + "topic", "AWS::SNS::Topic");
            add(mon + "subscription", "AWS::SNS::Subscription", mon + "topic");
            add(mon + "alarm-cpu", "AWS::CloudWatch::Alarm", app + "asg", mon + "topic");
            add(mon + "alarm-5xx", "AWS::CloudWatch::Alarm", lb + "alb", mon + "topic");
            add(mon + "alarm-latency", "AWS::CloudWatch::Alarm", lb + "alb", mon + "topic");
            add(mon + "alarm-replica-lag[0]", "AWS::CloudWatch::Alarm", db + "replica[0]", mon + "topic");
            add(mon + "alarm-replica-lag[1]", "AWS::CloudWatch::Alarm", db + "replica[1]", mon + "topic");
            add(mon + "alarm-evictions", "AWS::CloudWatch::Alarm", cache + "replication-group", mon + "topic");
        }

        // Every dependency is a ref to the other resource's id, as the components write them.
        private void add(String address, String type, String... needs) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("name", address);
            Arrays.stream(needs).forEach(need -> attributes.put("ref:" + need, new Ref(ResourceAddress.parse(need), "id")));
            specs.add(new ResourceSpec(ResourceAddress.parse(address), type, Mode.MANAGED, attributes, Map.of(),
                    Set.of(), Set.of()));
        }
    }
}
