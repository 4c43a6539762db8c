package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensitiveMarksTest {

    private static final ResourceAddress ADDRESS = ResourceAddress.parse("services.app.launch-template");
    private static final String TOKEN = "TOPSECRET-hunter2";

    private final SensitiveMarks marks = SensitiveMarks.of(List.of(TOKEN));

    @Test
    void anAttributeThatHoldsTheValueWholeOrInPartOrDeepInsideIsMarkedAndNoOther() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("whole", TOKEN);
        attributes.put("part", "Bearer " + TOKEN);
        attributes.put("userData", "#!/bin/sh\nexport API_TOKEN='" + TOKEN + "'\nexec /srv/app\n");
        attributes.put("inList", List.of("a", List.of("b", TOKEN)));
        attributes.put("inMap", Map.of("env", Map.of("TOKEN", TOKEN)));
        attributes.put("asKey", Map.of(TOKEN, "x"));
        attributes.put("plain", "TOPSECRET");
        attributes.put("ref", new Ref(ADDRESS, "arn"));
        attributes.put("port", 8080);

        ResourceSpec marked = marks.applyTo(ResourceSpec.managed(ADDRESS, "Test::Thing", attributes, Map.of()));

        assertThat(marked.sensitive()).containsExactlyInAnyOrder("whole", "part", "userData", "inList", "inMap", "asKey");
        assertThat(marked.attributes()).isEqualTo(attributes);
    }

    @Test
    void aTagThatHoldsTheValueIsMarkedByItsTagName() {
        Map<String, String> tags = Map.of("owner", TOKEN, "auth", "Bearer " + TOKEN, "team", "web");

        ResourceSpec marked = marks.applyTo(ResourceSpec.managed(ADDRESS, "Test::Thing", Map.of(), tags));

        assertThat(marked.sensitive()).containsExactlyInAnyOrder("tags.owner", "tags.auth");
        assertThat(marked.sensitiveTag("owner")).isTrue();
        assertThat(marked.sensitiveTag("team")).isFalse();
    }

    @Test
    void aSensitiveNumberMatchesAnEqualTypedValueWhateverItsTypeAndItsTextInAString() {
        SensitiveMarks port = SensitiveMarks.of(List.of(8443L));
        Map<String, Object> attributes = Map.of("asInt", 8443, "asDouble", 8443.0, "inText", "https://host:8443/",
                "other", 443);

        ResourceSpec marked = port.applyTo(ResourceSpec.managed(ADDRESS, "Test::Thing", attributes, Map.of()));

        assertThat(marked.sensitive()).containsExactlyInAnyOrder("asInt", "asDouble", "inText");
    }

    @Test
    void aStringVariableThatATierTookAsANumberMatchesByValue() {
        SensitiveMarks text = SensitiveMarks.of(List.of("8443"));

        ResourceSpec marked = text.applyTo(ResourceSpec.managed(ADDRESS, "Test::Thing", Map.of("port", 8443L), Map.of()));

        assertThat(marked.sensitive()).containsExactly("port");
    }

    @Test
    void everyLeafAndKeyOfASensitiveListOrMapCounts() {
        SensitiveMarks nested = SensitiveMarks.of(List.of(Map.of("db-password", List.of("pw-one", "pw-two"))));

        assertThat(nested.holdsSecret("x pw-two y")).isTrue();
        assertThat(nested.holdsSecret("db-password")).isTrue();
        assertThat(nested.holdsSecret("pw-three")).isFalse();
    }

    @Test
    void withoutSensitiveValuesTheResourcesAreLeftAsTheyAre() {
        SensitiveMarks none = SensitiveMarks.of(List.of("", "   "));
        List<ResourceSpec> specs = List.of(ResourceSpec.managed(ADDRESS, "Test::Thing", Map.of("a", ""), Map.of()));

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.applyTo(specs)).isSameAs(specs);
    }

    @Test
    void aHugeNumberInTextIsNotSpelledOut() {
        SensitiveMarks exponent = SensitiveMarks.of(List.of("1e999999999"));

        assertThat(exponent.texts()).containsExactly("1e999999999");
        assertThat(exponent.holdsSecret(1)).isFalse();
    }
}
