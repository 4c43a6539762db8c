package dev.scaffold.testing;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.Clients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * What the emulator holds tagged with a stack, read from it directly and never through scaffold's
 * reads, so that a test checks what scaffold did with something other than scaffold.
 */
public final class StackInEmulator {

    private static final String STACK_TAG = "scaffold:stack";
    /** The most ARNs one DescribeTags takes. */
    private static final int ARNS_PER_DESCRIBE_TAGS = 20;

    private StackInEmulator() {
    }

    /**
     * A stack name made of {@code prefix} and the test's own directory, so that tests sharing one
     * emulator never see each other's resources.
     */
    public static String uniqueName(String prefix, Path testDirectory) {
        return prefix + Integer.toHexString(testDirectory.hashCode() & 0xfffff);
    }

    /** The load balancers tagged with {@code stack}. */
    public static List<LoadBalancer> loadBalancers(AwsClients aws, String stack) {
        List<LoadBalancer> all = Clients.elbv2(aws).describeLoadBalancers(r -> { }).join().loadBalancers();
        List<String> ours = tagged(aws, stack, all.stream().map(LoadBalancer::loadBalancerArn).toList());
        return all.stream().filter(lb -> ours.contains(lb.loadBalancerArn())).toList();
    }

    /** The ARNs of the load balancers tagged with {@code stack}. */
    public static List<String> loadBalancerArns(AwsClients aws, String stack) {
        return loadBalancers(aws, stack).stream().map(LoadBalancer::loadBalancerArn).toList();
    }

    /** The ARNs of the target groups tagged with {@code stack}. */
    public static List<String> targetGroupArns(AwsClients aws, String stack) {
        return tagged(aws, stack, Clients.elbv2(aws).describeTargetGroups(r -> { }).join().targetGroups().stream()
                .map(TargetGroup::targetGroupArn).toList());
    }

    /** The ARNs of the listeners tagged with {@code stack} on the load balancers tagged with it. */
    public static List<String> listenerArns(AwsClients aws, String stack) {
        List<String> ours = new ArrayList<>();
        for (String loadBalancer : loadBalancerArns(aws, stack)) {
            ours.addAll(tagged(aws, stack, Clients.elbv2(aws).describeListeners(r -> r.loadBalancerArn(loadBalancer)).join()
                    .listeners().stream().map(Listener::listenerArn).toList()));
        }
        return ours;
    }

    /** The ids of the security groups tagged with {@code stack}. */
    public static List<String> securityGroupIds(AwsClients aws, String stack) {
        return Clients.ec2(aws).describeSecurityGroups(r -> r.filters(f -> f.name("tag:" + STACK_TAG).values(stack))).join()
                .securityGroups().stream().map(SecurityGroup::groupId).toList();
    }

    /** Those of the ELBv2 {@code arns} that are tagged with {@code stack}. */
    public static List<String> tagged(AwsClients aws, String stack, List<String> arns) {
        List<String> ours = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += ARNS_PER_DESCRIBE_TAGS) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + ARNS_PER_DESCRIBE_TAGS));
            List<TagDescription> descriptions =
                    Clients.elbv2(aws).describeTags(r -> r.resourceArns(batch)).join().tagDescriptions();
            for (TagDescription description : descriptions) {
                if (description.tags().stream().anyMatch(t -> t.key().equals(STACK_TAG) && t.value().equals(stack))) {
                    ours.add(description.resourceArn());
                }
            }
        }
        return ours;
    }
}
