package dev.scaffold.apply;

import dev.scaffold.graph.CriticalPath;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.HandlerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How long changes typically take, by resource type, and so how long a plan will take: the sum of
 * the typical latencies along its longest chain of changes. Also ranks ready work in the executor.
 */
public final class DurationEstimate {

    /** The pseudo-type under which an RDS read replica's latency is kept; it is slower than a primary. */
    public static final String RDS_REPLICA = "AWS::RDS::DBInstance#replica";

    private static final String RDS_INSTANCE = "AWS::RDS::DBInstance";
    private static final Set<String> REPLICA_SOURCE_ATTRIBUTES =
            Set.of("sourcedbinstanceidentifier", "replicasourcedbinstanceidentifier", "sourcedbinstance");

    private static final Map<String, Duration> TYPICAL = Map.ofEntries(
            Map.entry("AWS::EC2::SecurityGroup", Duration.ofSeconds(2)),
            Map.entry("AWS::EC2::SecurityGroupIngress", Duration.ofSeconds(2)),
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", Duration.ofMinutes(3)),
            Map.entry("AWS::ElasticLoadBalancingV2::TargetGroup", Duration.ofSeconds(2)),
            Map.entry("AWS::ElasticLoadBalancingV2::Listener", Duration.ofSeconds(2)),
            Map.entry("AWS::ElasticLoadBalancingV2::ListenerRule", Duration.ofSeconds(2)),
            Map.entry("AWS::CertificateManager::Certificate", Duration.ofMinutes(3)),
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
            Map.entry("AWS::KMS::Key", Duration.ofSeconds(5)),
            Map.entry("AWS::Backup::BackupVault", Duration.ofSeconds(3)),
            Map.entry("AWS::Backup::BackupPlan", Duration.ofSeconds(3)),
            Map.entry("AWS::Backup::BackupSelection", Duration.ofSeconds(5)),
            Map.entry("AWS::SNS::Topic", Duration.ofSeconds(2)),
            Map.entry("AWS::SNS::Subscription", Duration.ofSeconds(2)),
            Map.entry("AWS::CloudWatch::Alarm", Duration.ofSeconds(2)));

    private static final Duration DEFAULT = Duration.ofSeconds(5);

    private final Map<String, Duration> byType;
    private final Duration fallback;

    private DurationEstimate(Map<String, Duration> byType, Duration fallback) {
        this.byType = Map.copyOf(byType);
        this.fallback = fallback;
    }

    /** The latencies scaffold's resource types typically show on AWS. */
    public static DurationEstimate typical() {
        return new DurationEstimate(TYPICAL, DEFAULT);
    }

    /** Another table, e.g. for tests and benchmarks. */
    public static DurationEstimate of(Map<String, Duration> byType, Duration fallback) {
        return new DurationEstimate(byType, fallback);
    }

    /** How long creating a resource of a spec typically takes. */
    public Duration typical(ResourceSpec spec) {
        return byType.getOrDefault(latencyType(spec.type(), spec, spec.address()), fallback);
    }

    // A read replica shares its primary's type but takes longer to create.
    private static String latencyType(String type, ResourceSpec spec, ResourceAddress address) {
        if (!RDS_INSTANCE.equals(type)) {
            return type;
        }
        boolean hasSource = spec != null && spec.attributes().keySet().stream()
                .anyMatch(name -> REPLICA_SOURCE_ATTRIBUTES.contains(name.toLowerCase(Locale.ROOT)));
        return hasSource || address.resource().startsWith("replica") ? RDS_REPLICA : type;
    }

    /** How long applying a plan will take, every replace deleting first, and the chain that makes it so. */
    public Estimate estimate(Plan plan) {
        return estimate(StepGraph.of(plan));
    }

    /** How long applying a plan will take, each replace in the order its handler needs, as apply runs it. */
    public Estimate estimate(Plan plan, HandlerRegistry handlers) {
        return estimate(StepGraph.of(plan, handlers));
    }

    private Estimate estimate(StepGraph steps) {
        CriticalPath<Step> path = steps.dag().criticalPath(step -> stepMillis(steps.change(step)));
        List<ResourceAddress> chain = new ArrayList<>();
        for (Step step : path.nodes()) {
            if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(step.address())) {
                chain.add(step.address());
            }
        }
        return new Estimate(Duration.ofMillis(path.weight()), chain);
    }

    /** How long one step of a change typically takes, in milliseconds, for ranking work. */
    long stepMillis(ResourceChange change) {
        return byType.getOrDefault(latencyType(change.type(), change.desired(), change.address()), fallback).toMillis();
    }
}
