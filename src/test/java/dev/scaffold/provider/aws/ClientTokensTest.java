package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.StackTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

    private static final ResourceAddress ADDRESS = ResourceAddress.parse("services.app.launch-template");

    @Test
    void theSameChangeOfTheSameResourceHasTheSameTokenInEveryRun() {
        String token = ClientTokens.of(spec("t3.small", "lineage-1", "echo hi", Set.of()), "after version 1");

        assertThat(token).matches("[0-9a-f]{64}")
                .isEqualTo(ClientTokens.of(spec("t3.small", "lineage-1", "echo hi", Set.of()), "after version 1"));
    }

    @Test
    void anotherValueAnotherStateOrAnotherStartingPointHasAnotherToken() {
        String token = ClientTokens.of(spec("t3.small", "lineage-1", "echo hi", Set.of()), "after version 1");

        assertThat(ClientTokens.of(spec("t3.large", "lineage-1", "echo hi", Set.of()), "after version 1"))
                .isNotEqualTo(token);
        assertThat(ClientTokens.of(spec("t3.small", "lineage-2", "echo hi", Set.of()), "after version 1"))
                .as("another state's resource at the same address").isNotEqualTo(token);
        assertThat(ClientTokens.of(spec("t3.small", "lineage-1", "echo hi", Set.of()), "after version 2"))
                .isNotEqualTo(token);
    }

    @Test
    void aSensitiveValueCountsByItsDigest() {
        String token = ClientTokens.of(spec("t3.small", "lineage-1", "TOKEN=s3cret", Set.of("userData")));

        assertThat(ClientTokens.of(spec("t3.small", "lineage-1", "TOKEN=s3cret", Set.of("userData")))).isEqualTo(token);
        assertThat(ClientTokens.of(spec("t3.small", "lineage-1", "TOKEN=other", Set.of("userData"))))
                .as("a changed secret is another change").isNotEqualTo(token);
        assertThat(ClientTokens.of(spec("t3.small", "lineage-1", "TOKEN=s3cret", Set.of())))
                .as("not the token of the value in clear").isNotEqualTo(token);
    }

    private static ResourceSpec spec(String instanceType, String lineage, String userData, Set<String> sensitive) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "shop-app");
        attributes.put("instanceType", instanceType);
        attributes.put("userData", userData);
        return new ResourceSpec(ADDRESS, "AWS::EC2::LaunchTemplate", Mode.MANAGED, attributes,
                Map.of(StackTags.STACK, "shop", StackTags.LINEAGE, lineage), Set.of(), sensitive);
    }
}
