package dev.scaffold.provider.aws;

import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Every load balancer of the region with its tags, as ELBv2 can only list them: the load balancer
 * and the listener reads both start from it, so one refresh reads it once for both.
 *
 * @param all the load balancers, as DescribeLoadBalancers returns them
 * @param tags the tags of each, by ARN
 */
record RegionLoadBalancers(List<LoadBalancer> all, Map<String, Map<String, String>> tags) {

    private static final SharedReads.Key<RegionLoadBalancers> KEY = new SharedReads.Key<>("elbv2 load balancers");

    RegionLoadBalancers {
        all = List.copyOf(all);
        tags = Map.copyOf(tags);
    }

    /** The tags of one load balancer; none when it has none. */
    Map<String, String> tagsOf(String arn) {
        return tags.getOrDefault(arn, Map.of());
    }

    /**
     * One DescribeLoadBalancers per page and one DescribeTags per 20 load balancers, made by the
     * first reader of the refresh; the others get that read.
     */
    static RegionLoadBalancers read(ElasticLoadBalancingV2AsyncClient elb, ReadContext ctx) {
        return ctx.shared().get(KEY, () -> {
            List<LoadBalancer> all = describeAll(elb, ctx);
            return new RegionLoadBalancers(all,
                    ElbTags.describe(elb, ctx, all.stream().map(LoadBalancer::loadBalancerArn).toList()));
        });
    }

    private static List<LoadBalancer> describeAll(ElasticLoadBalancingV2AsyncClient elb, ReadContext ctx) {
        return AwsCalls.readPages(ctx, "DescribeLoadBalancers",
                marker -> elb.describeLoadBalancers(r -> r.marker(marker).pageSize(400)),
                DescribeLoadBalancersResponse::loadBalancers, DescribeLoadBalancersResponse::nextMarker);
    }
}
