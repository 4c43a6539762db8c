package dev.scaffold.provider.aws;

import dev.scaffold.provider.ResourceHandler;
import java.util.List;

/** Every AWS resource handler scaffold has, on one set of clients, for the {@code HandlerRegistry}. */
public final class AwsHandlers {

    private AwsHandlers() {
    }

    public static List<ResourceHandler> all(AwsClients aws) {
        return List.of(
                new VpcLookup(aws.ec2()),
                new SubnetsLookup(aws.ec2()),
                new SecurityGroupHandler(aws.ec2(), aws.tagging()),
                new LoadBalancerHandler(aws.elbv2(), aws.tagging()),
                new TargetGroupHandler(aws.elbv2(), aws.tagging()),
                new ListenerHandler(aws.elbv2(), aws.tagging()));
    }
}
