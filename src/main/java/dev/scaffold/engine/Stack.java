package dev.scaffold.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.components.Expansion;
import dev.scaffold.components.SensitiveMarks;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blueprint and the resources it expands to: what every command that plans or applies starts from.
 *
 * @param blueprint the loaded blueprint
 * @param graph the resources it asks for, with their dependencies
 * @param outputs the values {@code scaffold output} shows, each a ref to a resource's attribute
 * @param digest SHA-256 of the desired resources with their sensitive values left out, so a saved plan can
 *     tell when the blueprint moved, and no one can test a guessed secret against it
 * @param notices what the user should know about blueprint parts that are not provisioned
 */
public record Stack(Blueprint blueprint, DesiredGraph graph, Map<String, Object> outputs, String digest,
                    List<String> notices) {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public Stack {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        notices = List.copyOf(notices);
    }

    /** What a sensitive value is digested as: nothing of it, so that the digest tells nothing of it. */
    private static final String SENSITIVE = "(sensitive)";

    /**
     * The stack for a loaded blueprint and its expansion, with every attribute and tag that holds a
     * sensitive variable's value marked sensitive.
     */
    public static Stack of(Blueprint blueprint, Expansion expansion) {
        DesiredGraph graph = DesiredGraph.of(SensitiveMarks.of(blueprint).applyTo(expansion.resources()));
        return new Stack(blueprint, graph, expansion.outputs(), digest(graph.resources()), expansion.notices());
    }

    public String name() {
        return blueprint.name();
    }

    /** The environment, or {@code null} when none was chosen. */
    public String environment() {
        return blueprint.environment();
    }

    private static String digest(List<ResourceSpec> resources) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(resources.stream().map(Stack::canonical).toList())
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the desired resources", e);
        }
    }

    private static Map<String, Object> canonical(ResourceSpec spec) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("address", spec.address().toString());
        canonical.put("type", spec.type());
        canonical.put("mode", spec.mode().name());
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.replaceAll((name, value) -> spec.sensitive().contains(name) ? SENSITIVE : value);
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.replaceAll((key, value) -> spec.sensitiveTag(key) ? SENSITIVE : value);
        canonical.put("attributes", attributes);
        canonical.put("tags", tags);
        canonical.put("dependsOn", spec.dependsOn().stream().map(Object::toString).toList());
        return canonical;
    }
}
