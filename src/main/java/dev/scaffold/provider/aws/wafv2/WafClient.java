package dev.scaffold.provider.aws.wafv2;

import dev.scaffold.provider.aws.AwsClients;
import software.amazon.awssdk.services.wafv2.Wafv2AsyncClient;

/** The WAFv2 client of a run, built on first use. */
final class WafClient {

    private WafClient() {
    }

    static Wafv2AsyncClient of(AwsClients aws) {
        return aws.client(Wafv2AsyncClient.class, Wafv2AsyncClient::builder);
    }
}
