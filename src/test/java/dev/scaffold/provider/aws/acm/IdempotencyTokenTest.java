package dev.scaffold.provider.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.AcmTypes;
import dev.scaffold.schema.StackTags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyTokenTest {

    private static final ResourceAddress WEB = ResourceAddress.of("loadBalancers", "web", "certificate");
    private static final String LINEAGE = "0f6c1a52-8d3e-4b7a-9e21-5c4d3b2a1f00";

    @Test
    void everyAttemptAtOneCreateSendsTheSameTokenOfAtMost32WordCharacters() {
        String token = IdempotencyToken.of(spec(WEB, LINEAGE, "shop.example.com", List.of("a.shop.example.com",
                "b.shop.example.com")));

        assertThat(token).matches("\\w{1,32}");
        assertThat(IdempotencyToken.of(spec(WEB, LINEAGE, "shop.example.com",
                List.of("b.shop.example.com", "a.shop.example.com")))).as("the other names in another order").isEqualTo(token);
    }

    @Test
    void anotherLineageAddressOrDomainSendsAnotherToken() {
        String token = IdempotencyToken.of(spec(WEB, LINEAGE, "shop.example.com", List.of()));

        assertThat(List.of(
                IdempotencyToken.of(spec(WEB, "7e2d9b41-3c5a-4f8e-8b10-2a9c8d7e6f11", "shop.example.com",
                        List.of())),
                IdempotencyToken.of(spec(ResourceAddress.of("loadBalancers", "api", "certificate"), LINEAGE,
                        "shop.example.com", List.of())),
                IdempotencyToken.of(spec(WEB, LINEAGE, "www.shop.example.com", List.of())),
                IdempotencyToken.of(spec(WEB, LINEAGE, "shop.example.com", List.of("www.shop.example.com")))))
                .doesNotContain(token).doesNotHaveDuplicates();
    }

    private static ResourceSpec spec(ResourceAddress address, String lineage, String domain, List<String> otherNames) {
        return ResourceSpec.managed(address, AcmTypes.CERTIFICATE.name(), Map.of("domainName", domain,
                        "subjectAlternativeNames", otherNames, "validationMethod", "DNS"),
                Map.of(StackTags.STACK, "shop", StackTags.LINEAGE, lineage));
    }
}
