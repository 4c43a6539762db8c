package dev.scaffold.provider.aws.wafv2;

import dev.scaffold.provider.aws.AwsClients;
import java.util.Set;
import software.amazon.awssdk.services.wafv2.Wafv2AsyncClient;

/** The WAFv2 client of a run, built on first use. */
final class WafClient {

    /** How WAFv2 says that a resource (a web ACL, a load balancer) is gone. */
    static final Set<String> GONE = Set.of("WAFNonexistentItemException");

    private WafClient() {
    }

    static Wafv2AsyncClient of(AwsClients aws) {
        return aws.client(Wafv2AsyncClient.class, Wafv2AsyncClient::builder);
    }
}
