package dev.scaffold.provider.aws.elbv2;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;

/** The Elastic Load Balancing v2 client of a run, built on first use. */
final class ElbClient {

    private ElbClient() {
    }

    static ElasticLoadBalancingV2AsyncClient of(AwsClients aws) {
        return aws.client(ElasticLoadBalancingV2AsyncClient.class, ElasticLoadBalancingV2AsyncClient::builder);
    }
}
