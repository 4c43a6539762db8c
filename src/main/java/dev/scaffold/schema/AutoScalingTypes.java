package dev.scaffold.schema;

import java.time.Duration;

/** The EC2 Auto Scaling types of the services tier: the group of a service's servers and its scaling policy. */
public final class AutoScalingTypes {

    /**
     * An Auto Scaling group. Its {@code name} is fixed at creation; {@code launchTemplateId},
     * {@code launchTemplateVersion}, {@code minSize}, {@code maxSize}, {@code desiredCapacity}, {@code subnetIds},
     * {@code targetGroupArns}, {@code healthCheckType}, {@code healthCheckGracePeriodSeconds} and
     * {@code rollingUpdate} ({@code {minHealthyPercent}}: a new launch template rolls out by an instance refresh)
     * change in place. Refs name {@code name} and {@code arn}.
     */
    public static final ResourceType GROUP = ResourceType.managed("AWS::AutoScaling::AutoScalingGroup")
            .forcesReplace("name")
            .unordered("subnetIds", "targetGroupArns")
            // A renamed group takes traffic through its target groups before the old one goes.
            .createsBeforeDeleting("name")
            // An update that changes the launch template mostly waits for a rolling instance refresh.
            .durations(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(3))
            .references(Ec2Types.LAUNCH_TEMPLATE.name(), Ec2Types.SUBNETS.name(), Elbv2Types.TARGET_GROUP.name())
            .build();

    /**
     * A target-tracking scaling policy of a group: {@code groupName} and {@code name} are fixed; {@code metric}
     * ({@code ASGAverageCPUUtilization} | {@code ALBRequestCountPerTarget}, the latter with {@code loadBalancerArn}
     * and {@code targetGroupArn}) and {@code targetValue} change in place. AWS cannot tag it. Refs name {@code arn}.
     */
    public static final ResourceType SCALING_POLICY = ResourceType.managed("AWS::AutoScaling::ScalingPolicy")
            .forcesReplace("groupName", "name")
            .untagged()
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .references(GROUP.name(), Elbv2Types.LOAD_BALANCER.name(), Elbv2Types.TARGET_GROUP.name())
            // Found by name through its group: the tagging API never returns it.
            .readsAfter(GROUP.name())
            .build();

    private AutoScalingTypes() {
    }
}
