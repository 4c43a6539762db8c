package dev.scaffold.state;

import static dev.scaffold.state.JsonFields.optionalText;
import static dev.scaffold.state.JsonFields.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.graph.ResourceAddress;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns a {@link State} into the JSON document of DESIGN.md §6 and back.
 *
 * <p>The same state always gives the same bytes: resources sorted by address, their fields in a fixed
 * order, attribute maps sorted by key. Any store (local file, S3) uses this codec.
 */
public final class StateCodec {

    /** The state as pretty-printed UTF-8 JSON, with {@link State#FORMAT_VERSION}. */
    public byte[] encode(State state) {
        ObjectNode root = PrettyJson.mapper().createObjectNode();
        root.put("formatVersion", State.FORMAT_VERSION);
        root.put("stack", state.stack());
        root.put("environment", state.environment());
        root.put("lineage", state.lineage().toString());
        root.put("serial", state.serial());
        ObjectNode resources = root.putObject("resources");
        state.resources().forEach((address, resource) -> resources.set(address.toString(), encodeResource(resource)));
        root.set("outputs", AttributeJson.PLAIN.toJson(state.outputs()));
        return PrettyJson.bytes(root);
    }

    /** Reads a state document; anything but a complete, known-version document is an error. */
    public State decode(byte[] json) throws StateFormatException {
        JsonNode root;
        try {
            root = PrettyJson.read(json);
        } catch (JsonProcessingException e) {
            throw new StateFormatException("it is not valid JSON (corrupt or truncated: "
                    + e.getOriginalMessage() + locationOf(e) + ")", e);
        } catch (IOException e) {
            throw new StateFormatException(e.getMessage(), e);
        }
        try {
            return decode(root);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("it is not a scaffold state: " + e.getMessage(), e);
        }
    }

    private State decode(JsonNode root) throws StateFormatException {
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        int version = required(root, "formatVersion").asInt();
        if (version > State.FORMAT_VERSION) {
            throw new StateFormatException("it has format version " + version
                    + ", but this scaffold reads only up to version " + State.FORMAT_VERSION
                    + "; it was written by a newer scaffold, so upgrade scaffold to use it");
        }
        if (version < 1) {
            throw new IllegalArgumentException("formatVersion " + version + " is not a version");
        }
        Map<ResourceAddress, ResourceState> resources = new LinkedHashMap<>();
        required(root, "resources").properties().forEach(entry -> {
            ResourceAddress address = ResourceAddress.parse(entry.getKey());
            resources.put(address, decodeResource(address, entry.getValue()));
        });
        JsonNode environment = root.get("environment");
        return new State(
                version,
                requiredText(root, "stack"),
                environment == null || environment.isNull() ? null : environment.asText(),
                UUID.fromString(requiredText(root, "lineage")),
                required(root, "serial").asLong(),
                resources,
                AttributeJson.PLAIN.mapFromJson(root.get("outputs")));
    }

    /** One resource's entry, as the state file and saved plans write it; the address is the caller's key. */
    public ObjectNode encodeResource(ResourceState resource) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("type", resource.type());
        node.put("physicalId", resource.physicalId());
        node.put("arn", resource.arn());
        node.put("status", resource.status().name().toLowerCase(Locale.ROOT));
        ArrayNode dependencies = node.putArray("dependencies");
        resource.dependencies().forEach(d -> dependencies.add(d.toString()));
        node.set("attributes", AttributeJson.PLAIN.toJson(resource.attributes()));
        return node;
    }

    /** Reads what {@link #encodeResource} wrote; a malformed entry is an {@link IllegalArgumentException}. */
    public ResourceState decodeResource(ResourceAddress address, JsonNode node) {
        Set<ResourceAddress> dependencies = new TreeSet<>();
        JsonNode deps = node.get("dependencies");
        if (deps != null && deps.isArray()) {
            deps.forEach(d -> dependencies.add(ResourceAddress.parse(d.asText())));
        }
        return new ResourceState(
                address,
                requiredText(node, "type"),
                optionalText(node, "physicalId"),
                optionalText(node, "arn"),
                AttributeJson.PLAIN.mapFromJson(node.get("attributes")),
                dependencies,
                status(requiredText(node, "status"), address));
    }

    private static ResourceStatus status(String text, ResourceAddress address) {
        return switch (text) {
            case "ok" -> ResourceStatus.OK;
            case "creating" -> ResourceStatus.CREATING;
            case "tainted" -> ResourceStatus.TAINTED;
            default -> throw new IllegalArgumentException(
                    "resource " + address + " has status '" + text + "'; expected ok, creating or tainted");
        };
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the field '" + field + "' is not a string");
        }
        return value.textValue();
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
