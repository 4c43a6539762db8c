package dev.scaffold.schema;

/** The Auto Scaling types. */
public final class AutoScalingTypes {

    /** An Auto Scaling group. */
    public static final ResourceType GROUP = ResourceType.managed("AWS::AutoScaling::AutoScalingGroup")
            .forcesReplace("name").build();

    /** A scaling policy. */
    public static final ResourceType SCALING_POLICY = ResourceType.managed("AWS::AutoScaling::ScalingPolicy")
            .forcesReplace("groupName", "name").untagged().build();

    private AutoScalingTypes() {
    }
}
