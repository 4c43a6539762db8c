package dev.scaffold.provider.aws;

import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.acm.CertificateHandler;
import dev.scaffold.provider.aws.autoscaling.AutoScalingGroupHandler;
import dev.scaffold.provider.aws.autoscaling.ScalingPolicyHandler;
import dev.scaffold.provider.aws.ec2.LaunchTemplateHandler;
import dev.scaffold.provider.aws.ec2.SecurityGroupHandler;
import dev.scaffold.provider.aws.ec2.SubnetsLookup;
import dev.scaffold.provider.aws.ec2.VpcLookup;
import dev.scaffold.provider.aws.elasticache.ReplicationGroupHandler;
import dev.scaffold.provider.aws.elasticache.CacheSubnetGroupHandler;
import dev.scaffold.provider.aws.elbv2.ListenerHandler;
import dev.scaffold.provider.aws.elbv2.LoadBalancerHandler;
import dev.scaffold.provider.aws.elbv2.TargetGroupHandler;
import dev.scaffold.provider.aws.iam.InstanceProfileHandler;
import dev.scaffold.provider.aws.iam.RoleHandler;
import dev.scaffold.provider.aws.kms.KeyHandler;
import dev.scaffold.provider.aws.logs.LogGroupHandler;
import dev.scaffold.provider.aws.rds.InstanceHandler;
import dev.scaffold.provider.aws.rds.ParameterGroupHandler;
import dev.scaffold.provider.aws.rds.SubnetGroupHandler;
import dev.scaffold.provider.aws.secretsmanager.GeneratedSecretHandler;
import dev.scaffold.provider.aws.sqs.QueueHandler;
import dev.scaffold.provider.aws.sts.AccountLookup;
import dev.scaffold.provider.aws.wafv2.WebAclAssociationHandler;
import dev.scaffold.provider.aws.wafv2.WebAclHandler;
import dev.scaffold.schema.AcmTypes;
import dev.scaffold.schema.AutoScalingTypes;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.IamTypes;
import dev.scaffold.schema.KmsTypes;
import dev.scaffold.schema.LogsTypes;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.ResourceTypes;
import dev.scaffold.schema.SecretsManagerTypes;
import dev.scaffold.schema.SqsTypes;
import dev.scaffold.schema.StsTypes;
import dev.scaffold.schema.Wafv2Types;
import java.util.List;
import java.util.function.Function;

/**
 * Every AWS resource type scaffold has, each with the handler that serves it: the one list from which
 * both the catalogue of types (what plans know) and the handler registry (what refreshes and applies
 * call) are made. Adding a type is one line here, beside its schema and its handler class.
 */
public final class AwsProvider {

    /**
     * A type and how to make its handler on a run's clients.
     *
     * @param type what the engine decides about the type
     * @param handler makes the handler; it builds its clients on first use
     */
    private record Registration(ResourceType type, Function<AwsClients, ResourceHandler> handler) {
    }

    private static final List<Registration> TYPES = List.of(
            new Registration(Ec2Types.VPC, VpcLookup::new),
            new Registration(Ec2Types.SUBNETS, SubnetsLookup::new),
            new Registration(Ec2Types.SECURITY_GROUP, SecurityGroupHandler::new),
            new Registration(Elbv2Types.LOAD_BALANCER, LoadBalancerHandler::new),
            new Registration(Elbv2Types.TARGET_GROUP, TargetGroupHandler::new),
            new Registration(Elbv2Types.LISTENER, ListenerHandler::new),
            new Registration(Ec2Types.LAUNCH_TEMPLATE, LaunchTemplateHandler::new),
            new Registration(AutoScalingTypes.GROUP, AutoScalingGroupHandler::new),
            new Registration(AutoScalingTypes.SCALING_POLICY, ScalingPolicyHandler::new),
            new Registration(Wafv2Types.WEB_ACL, WebAclHandler::new),
            new Registration(Wafv2Types.WEB_ACL_ASSOCIATION, WebAclAssociationHandler::new),
            new Registration(AcmTypes.CERTIFICATE, CertificateHandler::new),
            new Registration(KmsTypes.KEY, KeyHandler::new),
            new Registration(LogsTypes.LOG_GROUP, LogGroupHandler::new),
            new Registration(RdsTypes.SUBNET_GROUP, SubnetGroupHandler::new),
            new Registration(RdsTypes.PARAMETER_GROUP, ParameterGroupHandler::new),
            new Registration(RdsTypes.INSTANCE, InstanceHandler::new),
            new Registration(SqsTypes.QUEUE, QueueHandler::new),
            new Registration(IamTypes.ROLE, RoleHandler::new),
            new Registration(IamTypes.INSTANCE_PROFILE, InstanceProfileHandler::new),
            new Registration(StsTypes.ACCOUNT, AccountLookup::new),
            new Registration(SecretsManagerTypes.GENERATED_SECRET, GeneratedSecretHandler::new),
            new Registration(ElastiCacheTypes.SUBNET_GROUP, CacheSubnetGroupHandler::new),
            new Registration(ElastiCacheTypes.REPLICATION_GROUP, ReplicationGroupHandler::new));

    private static final ResourceTypes CATALOGUE = ResourceTypes.of(TYPES.stream().map(Registration::type).toList());

    private AwsProvider() {
    }

    /** Every type scaffold provisions or looks up. */
    public static ResourceTypes types() {
        return CATALOGUE;
    }

    /** The handler of every type, on {@code aws}; a handler that serves another type than its registration is a bug. */
    public static HandlerRegistry handlers(AwsClients aws) {
        return new HandlerRegistry(TYPES.stream().map(registration -> {
            ResourceHandler handler = registration.handler().apply(aws);
            if (handler.schema() != registration.type()) {
                throw new IllegalStateException(handler.getClass().getSimpleName() + " serves "
                        + handler.type() + ", but is registered for " + registration.type().name());
            }
            return handler;
        }).toList());
    }
}
