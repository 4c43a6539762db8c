package dev.scaffold.schema;

import java.time.Duration;

/** The EC2 types scaffold uses: the VPC and subnets it looks up, the security groups and launch templates it manages. */
public final class Ec2Types {

    /**
     * The VPC a stack lives in, looked up: the default VPC or one by id. Lookup attribute {@code vpc};
     * read attributes {@code cidrBlock}, {@code isDefault}; refs name {@code id}.
     */
    public static final ResourceType VPC = ResourceType.lookup("AWS::EC2::VPC").build();

    /** What the VPC and subnets lookups take for "the region's default VPC" and "its default subnets". */
    public static final String DEFAULT_SELECTOR = "default";

    /**
     * The subnets a stack spreads over, looked up. Lookup attributes {@code vpc} and {@code subnets};
     * read attributes {@code subnetIds} (sorted), {@code vpcId} and {@code availabilityZones} (the subnets' zones,
     * sorted).
     */
    public static final ResourceType SUBNETS = ResourceType.lookup("Scaffold::EC2::Subnets").build();

    /**
     * A security group: name, description and VPC fixed at creation; inbound rules ({@code ingress},
     * a list of {@code {protocol, fromPort, toPort, cidr | sourceSecurityGroupId}}) change in place.
     * Refs name {@code id}.
     */
    public static final ResourceType SECURITY_GROUP = ResourceType.managed("AWS::EC2::SecurityGroup")
            .forcesReplace("name", "description", "vpcId")
            .unordered("ingress")
            // Found by name in its VPC, for a plan to see a group of another stack that has its name.
            .readsAfter(VPC.name())
            // A group still used by a just-deleted load balancer's network interfaces waits to go.
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30))
            .build();

    /**
     * A launch template. Its {@code name} is fixed at creation; its launch data ({@code imageId},
     * {@code instanceType}, {@code userData}, {@code securityGroupIds}, {@code instanceProfileArn},
     * {@code metadataHttpTokens}, {@code metadataHopLimit}, {@code rootVolumeGb}, {@code rootVolumeEncrypted},
     * {@code associatePublicIp}) changes in place, as a new version made the default, which AWS numbers:
     * {@code latestVersion}. Refs name {@code id}, {@code latestVersion} and {@code name}.
     */
    public static final ResourceType LAUNCH_TEMPLATE = ResourceType.managed("AWS::EC2::LaunchTemplate")
            .forcesReplace("name")
            .unordered("securityGroupIds")
            .computed("latestVersion")
            // An Auto Scaling group launches from it: a renamed one is made, and the group moved to it, first.
            .createsBeforeDeleting("name")
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .references(SECURITY_GROUP.name(), IamTypes.INSTANCE_PROFILE.name())
            .build();

    private Ec2Types() {
    }
}
