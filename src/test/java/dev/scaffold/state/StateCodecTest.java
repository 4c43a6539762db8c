package dev.scaffold.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.report.Golden;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    static final UUID LINEAGE = UUID.fromString("6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c");
    static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");
    static final ResourceAddress REPLICA = ResourceAddress.parse("databases.main.replica[1]");

    private final StateCodec codec = new StateCodec();

    static State sampleState() {
        ResourceState alb = new ResourceState(ALB, "AWS::ElasticLoadBalancingV2::LoadBalancer", "shop-web",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-web/50dc6c495c0c9188",
                Map.of("scheme", "internet-facing", "idleTimeout", 60, "subnets", List.of("subnet-1", "subnet-2"),
                        "attributes", Map.of("dropInvalidHeaders", true, "ratio", 0.5)),
                Set.of(ResourceAddress.parse("loadBalancers.web.sg")), ResourceStatus.OK);
        ResourceState replica = new ResourceState(REPLICA, "AWS::RDS::DBInstance", "shop-main-replica-1", null,
                Map.of("instanceClass", "db.t4g.medium", "allocatedStorage", 5_000_000_000L),
                Set.of(), ResourceStatus.TAINTED);
        return new State(1, "shop", "prod", LINEAGE, 7, Map.of(ALB, alb, REPLICA, replica),
                Map.of("url", "https://shop.example.com"));
    }

    @Test
    void givenAState_whenEncodedAndDecoded_thenItIsTheSameState() throws Exception {
        State state = sampleState();

        State decoded = codec.decode(codec.encode(state));

        assertThat(decoded).isEqualTo(state);
    }

    @Test
    void givenAState_whenEncoded_thenItMatchesTheDocumentedLayout() {
        String json = new String(codec.encode(sampleState()), StandardCharsets.UTF_8);

        Golden.assertMatches("state-file/shop.prod.state.json", json);
    }

    @Test
    void givenTheSameState_whenEncodedTwice_thenTheBytesAreEqual() {
        assertThat(codec.encode(sampleState())).isEqualTo(codec.encode(sampleState()));
    }

    @Test
    void givenAStateWithoutEnvironment_whenRoundTripped_thenEnvironmentStaysAbsent() throws Exception {
        State state = State.empty("shop", null);

        assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    }

    @Test
    void givenANewerFormatVersion_whenDecoded_thenTheErrorSaysToUpgrade() {
        String json = "{\"formatVersion\": 2, \"stack\": \"shop\", \"lineage\": \"" + LINEAGE
                + "\", \"serial\": 1, \"resources\": {}}";

        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("reads only up to version 1")
                .hasMessageContaining("upgrade scaffold");
    }

    @Test
    void givenAnUnknownStatus_whenDecoded_thenTheErrorNamesTheResource() {
        String json = "{\"formatVersion\": 1, \"stack\": \"shop\", \"lineage\": \"" + LINEAGE
                + "\", \"serial\": 1, \"resources\": {\"loadBalancers.web.alb\": {\"type\": \"T\", \"status\": \"odd\"}}}";

        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("loadBalancers.web.alb has status 'odd'");
    }
}
