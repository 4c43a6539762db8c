package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.ResourceType;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsProviderTest {

    @Test
    void everyTypeHasAHandlerServingItAndTheCatalogueIsTheirs() {
        AwsSettings settings = new AwsSettings(Region.US_EAST_1, null, URI.create("http://127.0.0.1:1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        try (AwsClients aws = new AwsClients(settings)) {
            HandlerRegistry handlers = AwsProvider.handlers(aws);

            assertThat(handlers.all()).extracting(ResourceHandler::schema)
                    .containsExactlyInAnyOrderElementsOf(AwsProvider.types().all());
            assertThat(AwsProvider.types().all()).extracting(ResourceType::name)
                    .contains("AWS::EC2::SecurityGroup", "AWS::ElasticLoadBalancingV2::LoadBalancer",
                            "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::Listener");
        }
    }
}
