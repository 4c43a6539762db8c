package dev.scaffold.state;

import static dev.scaffold.state.JsonFields.kindOf;
import static dev.scaffold.state.JsonFields.nullableText;
import static dev.scaffold.state.JsonFields.onlyFields;
import static dev.scaffold.state.JsonFields.required;
import static dev.scaffold.state.JsonFields.requiredObject;
import static dev.scaffold.state.JsonFields.requiredText;
import static dev.scaffold.state.JsonFields.requiredTexts;

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
 *
 * <p>Reading is strict: a document is trusted only when every field is there with the type this
 * scaffold writes, and nothing else is. A lenient reader would turn {@code "resources": []} into an
 * empty stack, or a serial near {@code Long.MAX_VALUE} into a negative one, and the next write would
 * then make that mistake permanent.
 */
public final class StateCodec {

    private static final Set<String> FIELDS_V1 =
            Set.of("formatVersion", "stack", "environment", "lineage", "serial", "resources", "outputs");
    private static final Set<String> FIELDS_V2 = Set.of("formatVersion", "stack", "environment", "region",
            "accountId", "lineage", "serial", "resources", "outputs");
    private static final Set<String> RESOURCE_FIELDS =
            Set.of("type", "physicalId", "arn", "status", "dependencies", "attributes");

    /** The state as pretty-printed UTF-8 JSON, with {@link State#FORMAT_VERSION}. */
    public byte[] encode(State state) {
        ObjectNode root = PrettyJson.mapper().createObjectNode();
        root.put("formatVersion", State.FORMAT_VERSION);
        root.put("stack", state.stack());
        root.put("environment", state.environment());
        root.put("region", state.region());
        root.put("accountId", state.accountId());
        root.put("lineage", state.lineage().toString());
        root.put("serial", state.serial());
        ObjectNode resources = root.putObject("resources");
        state.resources().forEach((address, resource) -> resources.set(address.toString(), encodeResource(resource)));
        root.set("outputs", AttributeJson.PLAIN.toJson(state.outputs()));
        return PrettyJson.bytes(root);
    }

    /** Reads a state document; anything but a complete, well-formed document of a known version is an error. */
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
            throw new IllegalArgumentException("expected a JSON object, not " + kindOf(root));
        }
        int version = formatVersion(root);
        onlyFields(root, version == 1 ? FIELDS_V1 : FIELDS_V2, "the document");
        JsonNode resourcesNode = required(root, "resources");
        if (!resourcesNode.isObject()) {
            throw new IllegalArgumentException("the field 'resources' must be an object of resources by address, not "
                    + kindOf(resourcesNode));
        }
        Map<ResourceAddress, ResourceState> resources = new LinkedHashMap<>();
        resourcesNode.properties().forEach(entry -> {
            ResourceAddress address = ResourceAddress.parse(entry.getKey());
            resources.put(address, decodeResource(address, entry.getValue(), version));
        });
        return new State(
                version,
                requiredText(root, "stack"),
                nullableText(root, "environment"),
                version == 1 ? null : nullableText(root, "region"),
                version == 1 ? null : nullableText(root, "accountId"),
                lineage(root),
                serial(root),
                resources,
                AttributeJson.PLAIN.mapFromJson(requiredObject(root, "outputs")));
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
        return decodeResource(address, node, State.FORMAT_VERSION);
    }

    private ResourceState decodeResource(ResourceAddress address, JsonNode node, int version) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("resource " + address + " must be an object, not " + kindOf(node));
        }
        try {
            onlyFields(node, RESOURCE_FIELDS, "it");
            Set<ResourceAddress> dependencies = new TreeSet<>();
            requiredTexts(node, "dependencies").forEach(d -> dependencies.add(ResourceAddress.parse(d)));
            return new ResourceState(
                    address,
                    requiredText(node, "type"),
                    nullableText(node, "physicalId"),
                    nullableText(node, "arn"),
                    AttributeJson.PLAIN.mapFromJson(requiredObject(node, "attributes")),
                    dependencies,
                    status(requiredText(node, "status"), version));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resource " + address + ": " + e.getMessage(), e);
        }
    }

    private static int formatVersion(JsonNode root) throws StateFormatException {
        JsonNode value = required(root, "formatVersion");
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new IllegalArgumentException("formatVersion " + value + " is not a format version;"
                    + " this scaffold reads versions 1 to " + State.FORMAT_VERSION);
        }
        int version = value.intValue();
        if (version > State.FORMAT_VERSION) {
            throw new StateFormatException("it has format version " + version
                    + ", but this scaffold reads only up to version " + State.FORMAT_VERSION
                    + "; it was written by a newer scaffold, so upgrade scaffold to use it");
        }
        return version;
    }

    private static UUID lineage(JsonNode root) {
        String text = requiredText(root, "lineage");
        try {
            UUID lineage = UUID.fromString(text);
            // UUID.fromString also takes shortened forms such as 1-2-3-4-5; a lineage is always written in full.
            if (lineage.toString().equalsIgnoreCase(text)) {
                return lineage;
            }
        } catch (IllegalArgumentException notAUuid) {
            // reported below
        }
        throw new IllegalArgumentException("lineage '" + text + "' is not a UUID");
    }

    private static long serial(JsonNode root) {
        JsonNode value = required(root, "serial");
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("serial " + value + " is not a serial;"
                    + " expected a whole number from 0 to " + Long.MAX_VALUE);
        }
        return value.longValue();
    }

    private static ResourceStatus status(String text, int version) {
        for (ResourceStatus status : ResourceStatus.values()) {
            if (status.name().toLowerCase(Locale.ROOT).equals(text) && (version > 1 || status != ResourceStatus.CREATING)) {
                return status;
            }
        }
        throw new IllegalArgumentException("it has status '" + text + "'; expected "
                + (version > 1 ? "creating, ok or tainted" : "ok or tainted"));
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
