package dev.scaffold.schema;

import java.time.Duration;

/** The EC2 types scaffold uses: the VPC and subnets it looks up, and the security groups it manages. */
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
     * read attribute {@code subnetIds} (sorted), {@code vpcId}.
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

    /** A launch template; its launch data changes in place by a new version. */
    public static final ResourceType LAUNCH_TEMPLATE = ResourceType.managed("AWS::EC2::LaunchTemplate")
            .forcesReplace("name").build();

    private Ec2Types() {
    }
}
