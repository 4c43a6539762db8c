package dev.scaffold.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.report.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateCodecTest {

    static final UUID LINEAGE = UUID.fromString("6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c");
    static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");
    static final ResourceAddress REPLICA = ResourceAddress.parse("databases.main.replica[1]");
    static final ResourceAddress PRIMARY = ResourceAddress.parse("databases.main.primary");

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
        ResourceState primary = new ResourceState(PRIMARY, "AWS::RDS::DBInstance", "shop-main-primary",
                "arn:aws:rds:us-east-1:123456789012:db:shop-main-primary", Map.of(), Set.of(), ResourceStatus.CREATING);
        return new State(State.FORMAT_VERSION, "shop", "prod", "us-east-1", "123456789012", LINEAGE, 7,
                Map.of(ALB, alb, REPLICA, replica, PRIMARY, primary), Map.of("url", "https://shop.example.com"));
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
    void givenAStateWithoutEnvironmentOrLocation_whenRoundTripped_thenTheyStayAbsent() throws Exception {
        State state = State.empty("shop", null);

        State decoded = codec.decode(codec.encode(state));

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.region()).isNull();
        assertThat(decoded.accountId()).isNull();
    }

    @Test
    void givenALocation_whenRecorded_thenOnlyRegionAndAccountChange() {
        State state = sampleState().withLocation(null, null);

        State located = state.withLocation("eu-west-1", "210987654321");

        assertThat(located.region()).isEqualTo("eu-west-1");
        assertThat(located.accountId()).isEqualTo("210987654321");
        assertThat(located.withLocation(null, null)).isEqualTo(state);
    }

    @Test
    void givenAVersionOneFile_whenDecoded_thenItReadsWithoutRegionOrAccount() throws Exception {
        byte[] versionOne = Files.readAllBytes(Path.of("src/test/resources/cases/state-file/shop.prod.state.v1.json"));

        State state = codec.decode(versionOne);

        assertThat(state.formatVersion()).isEqualTo(1);
        assertThat(state.region()).isNull();
        assertThat(state.accountId()).isNull();
        assertThat(state.lineage()).isEqualTo(LINEAGE);
        assertThat(state.serial()).isEqualTo(7);
        assertThat(state.resources()).containsOnlyKeys(ALB, REPLICA);
        assertThat(state.resources().get(REPLICA).status()).isEqualTo(ResourceStatus.TAINTED);
        assertThat(json(codec.encode(state)).get("formatVersion").intValue()).isEqualTo(State.FORMAT_VERSION);
    }

    @Test
    void givenANewerFormatVersion_whenDecoded_thenTheErrorSaysToUpgrade() {
        byte[] json = mutated(root -> root.put("formatVersion", 3));

        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("format version 3")
                .hasMessageContaining("reads only up to version 2")
                .hasMessageContaining("upgrade scaffold");
    }

    @Test
    void givenAnUnknownStatus_whenDecoded_thenTheErrorNamesTheResource() {
        byte[] json = mutated(root -> resource(root, ALB).put("status", "odd"));

        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("resource loadBalancers.web.alb: it has status 'odd'; expected creating, ok or tainted");
    }

    static Stream<Arguments> malformedDocuments() {
        return Stream.of(
                refused("formatVersion 1.9", root -> root.put("formatVersion", 1.9), "formatVersion 1.9 is not a format version"),
                refused("formatVersion \"1\"", root -> root.put("formatVersion", "1"), "formatVersion \"1\" is not a format version"),
                refused("formatVersion true", root -> root.put("formatVersion", true), "formatVersion true is not a format version"),
                refused("formatVersion 2^32+1", root -> root.put("formatVersion", 4_294_967_297L),
                        "formatVersion 4294967297 is not a format version"),
                refused("formatVersion 0", root -> root.put("formatVersion", 0), "formatVersion 0 is not a format version"),
                refused("resources []", root -> root.putArray("resources"),
                        "the field 'resources' must be an object of resources by address, not an array"),
                refused("resources \"none\"", root -> root.put("resources", "none"),
                        "the field 'resources' must be an object of resources by address, not a string"),
                refused("serial 2^63", root -> root.put("serial", new java.math.BigInteger("9223372036854775808")),
                        "serial 9223372036854775808 is not a serial"),
                refused("serial -1", root -> root.put("serial", -1), "serial -1 is not a serial"),
                refused("serial \"7\"", root -> root.put("serial", "7"), "serial \"7\" is not a serial"),
                refused("serial 7.5", root -> root.put("serial", 7.5), "serial 7.5 is not a serial"),
                refused("shortened lineage", root -> root.put("lineage", "1-2-3-4-5"), "lineage '1-2-3-4-5' is not a UUID"),
                refused("stack a number", root -> root.put("stack", 7), "the field 'stack' must be a string, not a number (7)"),
                refused("environment a number", root -> root.put("environment", 5),
                        "the field 'environment' must be a string or null"),
                refused("region missing", root -> root.remove("region"), "the field 'region' is missing"),
                refused("outputs missing", root -> root.remove("outputs"), "the field 'outputs' is missing"),
                refused("unknown field", root -> root.put("resourcez", 1), "the document has unknown field 'resourcez'"),
                refused("resource not an object", root -> ((ObjectNode) root.get("resources")).put(ALB.toString(), 1),
                        "resource loadBalancers.web.alb must be an object, not a number"),
                refused("resource without type", root -> resource(root, ALB).remove("type"),
                        "resource loadBalancers.web.alb: the field 'type' is missing"),
                refused("resource with unknown field", root -> resource(root, ALB).put("tainted", true),
                        "resource loadBalancers.web.alb: it has unknown field 'tainted'"),
                refused("dependencies a string", root -> resource(root, ALB).put("dependencies", "loadBalancers.web.sg"),
                        "resource loadBalancers.web.alb: the field 'dependencies' must be an array of strings"),
                refused("attributes an array", root -> resource(root, ALB).putArray("attributes"),
                        "resource loadBalancers.web.alb: the field 'attributes' must be an object, not an array"),
                refused("physical id a number", root -> resource(root, ALB).put("physicalId", 12),
                        "resource loadBalancers.web.alb: the field 'physicalId' must be a string or null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDocuments")
    void givenAMalformedDocument_whenDecoded_thenItIsRefusedNamingTheProblem(String name, byte[] json, String problem) {
        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOf(StateFormatException.class)
                .hasMessageStartingWith("it is not a scaffold state: ")
                .hasMessageContaining(problem);
    }

    @Test
    void givenAVersionOneFileWithAVersionTwoField_whenDecoded_thenItIsRefused() throws Exception {
        ObjectNode root = (ObjectNode) PrettyJson.read(
                Files.readAllBytes(Path.of("src/test/resources/cases/state-file/shop.prod.state.v1.json")));
        root.put("region", "us-east-1");

        assertThatThrownBy(() -> codec.decode(PrettyJson.bytes(root)))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("unknown field 'region'");
    }

    @Test
    void givenAVersionOneFileWithACreatingResource_whenDecoded_thenItIsRefused() throws Exception {
        ObjectNode root = (ObjectNode) PrettyJson.read(
                Files.readAllBytes(Path.of("src/test/resources/cases/state-file/shop.prod.state.v1.json")));
        resource(root, ALB).put("status", "creating");

        assertThatThrownBy(() -> codec.decode(PrettyJson.bytes(root)))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("it has status 'creating'; expected ok or tainted");
    }

    private static Arguments refused(String name, Consumer<ObjectNode> mutation, String problem) {
        return Arguments.of(name, mutated(mutation), problem);
    }

    /** The sample state's document with one thing changed. */
    static byte[] mutated(Consumer<ObjectNode> mutation) {
        ObjectNode root = json(new StateCodec().encode(sampleState()));
        mutation.accept(root);
        return PrettyJson.bytes(root);
    }

    private static ObjectNode resource(ObjectNode root, ResourceAddress address) {
        return (ObjectNode) root.get("resources").get(address.toString());
    }

    private static ObjectNode json(byte[] bytes) {
        try {
            return (ObjectNode) PrettyJson.read(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
