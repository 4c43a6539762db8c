package dev.scaffold.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeJsonTest {

    private static final Ref REPLICA_ENDPOINT = new Ref(ResourceAddress.parse("databases.main.replica[1]"), "endpoint");

    @Test
    void givenRefsInsideListsAndMaps_whenRoundTripped_thenTheyComeBackAsRefs() {
        Object value = Map.of("hosts", List.of(REPLICA_ENDPOINT, "static.example.com"), "port", 5432);

        Object back = AttributeJson.WITH_REFS.fromJson(AttributeJson.WITH_REFS.toJson(value));

        assertThat(back).isEqualTo(value);
        assertThat(AttributeJson.WITH_REFS.toJson(REPLICA_ENDPOINT).toString())
                .isEqualTo("{\"$ref\":\"databases.main.replica[1].endpoint\"}");
    }

    @Test
    void givenAnObjectThatLooksLikeARef_whenReadAsPlainState_thenItStaysAMap() {
        Object back = AttributeJson.PLAIN.fromJson(AttributeJson.WITH_REFS.toJson(REPLICA_ENDPOINT));

        assertThat(back).isEqualTo(Map.of("$ref", "databases.main.replica[1].endpoint"));
    }

    @Test
    void givenNumbers_whenRoundTripped_thenIntegersStayIntegersAndBigOnesKeepTheirSize() {
        List<Object> numbers = List.of(1, 5_000_000_000L, new BigInteger("123456789012345678901234567890"), 0.25);

        assertThat(AttributeJson.PLAIN.fromJson(AttributeJson.PLAIN.toJson(numbers))).isEqualTo(numbers);
    }

    @Test
    void givenAValueOutsideTheAttributeVocabulary_whenWritten_thenItIsABug() {
        assertThatThrownBy(() -> AttributeJson.PLAIN.toJson(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttributeJson.PLAIN.toJson(REPLICA_ENDPOINT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenARefWithoutAnAttribute_whenParsed_thenItIsRejected() {
        assertThatThrownBy(() -> AttributeJson.parseRef("loadBalancers.web.alb")).isInstanceOf(IllegalArgumentException.class);
    }
}
