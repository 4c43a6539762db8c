package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.Service;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.AutoScalingTypes;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.IamTypes;
import dev.scaffold.schema.LogsTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands one {@code services.NAME} tier: application servers in an Auto Scaling group behind their load
 * balancer. Its security group admits only the service port, only from the load balancer's group; its IAM
 * role may do what Systems Manager's agent needs and write to its own log group, nothing broader; its
 * launch template requires IMDSv2 with a hop limit of 1, encrypts the root volume and gives no public IP;
 * its log group is encrypted with the stack's key and keeps events {@code logRetentionDays}. A new image,
 * instance type or user data is a new launch-template version the group moves to, rolled out by an
 * instance refresh unless {@code deploy.strategy} is {@code none}.
 */
public final class ServiceComponent implements SectionComponent {

    static final String TIER = "services";
    /** The root volume's size; larger than the images scaffold's users boot, and encrypted. */
    private static final int ROOT_VOLUME_GB = 20;
    /** How long a new server may take to start before health checks count. */
    private static final int HEALTH_CHECK_GRACE_SECONDS = 300;
    private static final String IAM_PATH = "/scaffold/";

    private final UserData userData = new UserData();

    @Override
    public String section() {
        return TIER;
    }

    @Override
    public Map<String, Ref> outputs(StackContext stack, Blueprint blueprint) {
        Map<String, Ref> outputs = new LinkedHashMap<>();
        for (Service service : blueprint.services().values()) {
            Addresses at = new Addresses(service.name());
            String prefix = TIER + "." + service.name() + ".";
            outputs.put(prefix + "autoScalingGroupName", new Ref(at.group, "name"));
            outputs.put(prefix + "securityGroupId", new Ref(at.securityGroup, "id"));
            outputs.put(prefix + "roleArn", new Ref(at.role, "arn"));
            outputs.put(prefix + "roleName", new Ref(at.role, "name"));
            outputs.put(prefix + "logGroupName", new Ref(at.logGroup, "name"));
        }
        return outputs;
    }

    @Override
    public List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values) {
        List<ResourceSpec> specs = new ArrayList<>();
        for (Service service : blueprint.services().values()) {
            specs.addAll(expand(stack, blueprint, service, values));
        }
        return specs;
    }

    private List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, Service service, TierValues values) {
        Addresses at = new Addresses(service.name());
        String lb = service.loadBalancer() == null ? null : service.loadBalancer().name();
        Object roleName = Interpolation.of(ResourceNames.service(stack, service.name()) + "-", StackKeyComponent.region());
        return List.of(
                securityGroup(stack, service, at, lb),
                role(stack, blueprint, at, roleName),
                instanceProfile(stack, at, roleName),
                logGroup(stack, service, at),
                launchTemplate(stack, blueprint, service, at, values),
                group(stack, service, at, lb),
                scalingPolicy(stack, service, at, lb));
    }

    private static ResourceSpec securityGroup(StackContext stack, Service service, Addresses at, String lb) {
        List<Map<String, Object>> ingress = new ArrayList<>();
        if (lb != null) {
            Map<String, Object> fromLoadBalancer = new LinkedHashMap<>();
            fromLoadBalancer.put("protocol", "tcp");
            fromLoadBalancer.put("fromPort", service.port());
            fromLoadBalancer.put("toPort", service.port());
            fromLoadBalancer.put("sourceSecurityGroupId", new Ref(LoadBalancerComponent.securityGroupOf(lb), "id"));
            ingress.add(fromLoadBalancer);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.securityGroup(stack, service.name(), "servers"));
        attributes.put("description", "scaffold " + stack.stack() + " " + stack.environment() + ": service " + service.name());
        attributes.put("vpcId", NetworkComponent.vpcId());
        attributes.put("ingress", ingress);
        return ResourceSpec.managed(at.securityGroup, Ec2Types.SECURITY_GROUP.name(), attributes,
                stack.tagsFor(at.securityGroup));
    }

    /**
     * A role EC2 instances assume: Systems Manager's agent, writing to the service's own log group, and the grants of
     * the queues that name the service.
     */
    private static ResourceSpec role(StackContext stack, Blueprint blueprint, Addresses at, Object name) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("path", IAM_PATH);
        attributes.put("description", "scaffold " + stack.stack() + " " + stack.environment() + ": servers of "
                + at.name);
        attributes.put("assumeRolePolicy", policy(statement("Principal", Map.of("Service", "ec2.amazonaws.com"),
                "Action", "sts:AssumeRole")));
        attributes.put("managedPolicyArns", List.of(StackKeyComponent.managedPolicy("AmazonSSMManagedInstanceCore")));
        Ref logGroup = new Ref(at.logGroup, "arn");
        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("write-own-logs", policy(statement(
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                "Resource", List.of(logGroup, Interpolation.of(logGroup, ":log-stream:*")))));
        policies.putAll(QueueComponent.grants(blueprint, at.name));
        attributes.put("inlinePolicies", policies);
        return ResourceSpec.managed(at.role, IamTypes.ROLE.name(), attributes, stack.tagsFor(at.role));
    }

    private static ResourceSpec instanceProfile(StackContext stack, Addresses at, Object name) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("path", IAM_PATH);
        attributes.put("roleName", new Ref(at.role, "name"));
        return ResourceSpec.managed(at.instanceProfile, IamTypes.INSTANCE_PROFILE.name(), attributes,
                stack.tagsFor(at.instanceProfile));
    }

    private static ResourceSpec logGroup(StackContext stack, Service service, Addresses at) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.logGroupPrefix(stack) + service.name());
        attributes.put("retentionDays", service.logRetentionDays());
        attributes.put("kmsKeyArn", StackKeyComponent.keyArn());
        return ResourceSpec.managed(at.logGroup, LogsTypes.LOG_GROUP.name(), attributes, stack.tagsFor(at.logGroup));
    }

    private ResourceSpec launchTemplate(StackContext stack, Blueprint blueprint, Service service, Addresses at,
                                        TierValues values) {
        String where = TIER + "." + service.name();
        Map<String, Object> environment = new LinkedHashMap<>();
        service.environment().forEach((name, expr) -> values.of(expr, where + ".environment." + name)
                .ifPresent(value -> environment.put(name, value)));
        Path template = service.userData() == null ? null : Path.of(service.userData());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("stack", Map.of("name", stack.stack(), "environment", stack.environment()));
        model.put("service", Map.of("name", service.name(), "port", service.port(), "logGroup",
                ResourceNames.logGroupPrefix(stack) + service.name()));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.service(stack, service.name()));
        attributes.put("imageId", service.image());
        attributes.put("instanceType", service.instanceType());
        if (template != null || !environment.isEmpty()) {
            attributes.put("userData", userData.render(template, where + ".userData", model, environment));
        }
        attributes.put("securityGroupIds", List.of(new Ref(at.securityGroup, "id")));
        attributes.put("instanceProfileArn", new Ref(at.instanceProfile, "arn"));
        attributes.put("metadataHttpTokens", "required");
        attributes.put("metadataHopLimit", 1);
        attributes.put("rootVolumeGb", ROOT_VOLUME_GB);
        attributes.put("rootVolumeEncrypted", true);
        attributes.put("associatePublicIp", false);
        return ResourceSpec.managed(at.launchTemplate, Ec2Types.LAUNCH_TEMPLATE.name(), attributes,
                stack.tagsFor(at.launchTemplate));
    }

    private static ResourceSpec group(StackContext stack, Service service, Addresses at, String lb) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.service(stack, service.name()));
        attributes.put("launchTemplateId", new Ref(at.launchTemplate, "id"));
        attributes.put("launchTemplateVersion", new Ref(at.launchTemplate, "latestVersion"));
        attributes.put("minSize", service.capacity().min());
        attributes.put("maxSize", service.capacity().max());
        if (service.capacity().desired() != null) {
            attributes.put("desiredCapacity", service.capacity().desired());
        }
        attributes.put("subnetIds", NetworkComponent.subnetIds());
        attributes.put("targetGroupArns", lb == null ? List.of()
                : List.of(new Ref(LoadBalancerComponent.targetGroupOf(lb), "arn")));
        attributes.put("healthCheckType", lb == null ? "EC2" : "ELB");
        attributes.put("healthCheckGracePeriodSeconds", HEALTH_CHECK_GRACE_SECONDS);
        if (service.deploy().strategy() == Service.Deploy.Strategy.ROLLING) {
            attributes.put("rollingUpdate", Map.of("minHealthyPercent", service.deploy().minHealthyPercent()));
        }
        return ResourceSpec.managed(at.group, AutoScalingTypes.GROUP.name(), attributes, stack.tagsFor(at.group));
    }

    /**
     * Target tracking on the group's average CPU, or on the load balancer's requests per server. Its name, unique in
     * the region as CloudFormation's are, says whose it is wherever it is listed (the alarms AWS makes for it too).
     */
    private static ResourceSpec scalingPolicy(StackContext stack, Service service, Addresses at, String lb) {
        Service.ScaleOn scaleOn = service.scaleOn();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("groupName", new Ref(at.group, "name"));
        if (scaleOn.requestsPerTarget() != null) {
            attributes.put("name", ResourceNames.service(stack, service.name()) + "-requests-per-target");
            attributes.put("metric", "ALBRequestCountPerTarget");
            attributes.put("loadBalancerArn", new Ref(LoadBalancerComponent.albOf(lb), "arn"));
            attributes.put("targetGroupArn", new Ref(LoadBalancerComponent.targetGroupOf(lb), "arn"));
            attributes.put("targetValue", scaleOn.requestsPerTarget());
        } else {
            attributes.put("name", ResourceNames.service(stack, service.name()) + "-cpu");
            attributes.put("metric", "ASGAverageCPUUtilization");
            attributes.put("targetValue", scaleOn.cpuPercent());
        }
        return ResourceSpec.managed(at.scalingPolicy, AutoScalingTypes.SCALING_POLICY.name(), attributes,
                stack.tagsFor(at.scalingPolicy));
    }

    /** An allowing policy statement of two keys and values, in that order. */
    private static Map<String, Object> statement(String key, Object value, String otherKey, Object otherValue) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put(key, value);
        statement.put(otherKey, otherValue);
        return statement;
    }

    private static Map<String, Object> policy(Map<String, Object> statement) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(statement));
        return policy;
    }

    /** The security group of a service's servers, which the data tiers admit by {@code allowFrom}. */
    static ResourceAddress securityGroupOf(String service) {
        return new Addresses(service).securityGroup;
    }

    /** The addresses of one service's resources. */
    private static final class Addresses {
        final String name;
        final ResourceAddress securityGroup;
        final ResourceAddress role;
        final ResourceAddress instanceProfile;
        final ResourceAddress logGroup;
        final ResourceAddress launchTemplate;
        final ResourceAddress group;
        final ResourceAddress scalingPolicy;

        Addresses(String name) {
            this.name = name;
            this.securityGroup = ResourceAddress.of(TIER, name, "security-group");
            this.role = ResourceAddress.of(TIER, name, "role");
            this.instanceProfile = ResourceAddress.of(TIER, name, "instance-profile");
            this.logGroup = ResourceAddress.of(TIER, name, "log-group");
            this.launchTemplate = ResourceAddress.of(TIER, name, "launch-template");
            this.group = ResourceAddress.of(TIER, name, "group");
            this.scalingPolicy = ResourceAddress.of(TIER, name, "scaling-policy");
        }
    }
}
