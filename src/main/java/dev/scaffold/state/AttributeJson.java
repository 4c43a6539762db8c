package dev.scaffold.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Converts attribute values (strings, numbers, booleans, lists and maps of those) to and from JSON
 * trees, for the state file and saved plans.
 *
 * <p>Map keys are written sorted so the same value always gives the same bytes. A saved plan also
 * holds {@link Ref}s, written as {@code {"$ref": "loadBalancers.web.alb.arn"}}; the state never does,
 * so {@link #PLAIN} reads such an object as an ordinary map.
 */
public final class AttributeJson {

    /** Values without refs, as in the state. */
    public static final AttributeJson PLAIN = new AttributeJson(false);
    /** Values that may hold refs, as in a saved plan. */
    public static final AttributeJson WITH_REFS = new AttributeJson(true);

    static final String REF_KEY = "$ref";
    /** How a saved plan writes a text with refs in it: its parts, texts and refs. */
    static final String INTERPOLATION_KEY = "$interpolate";
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final boolean refs;

    private AttributeJson(boolean refs) {
        this.refs = refs;
    }

    /** The JSON tree of one value; a type outside the attribute vocabulary is a bug. */
    public JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof String s) {
            return nodes.textNode(s);
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            return nodes.numberNode(i);
        } else if (value instanceof Double || value instanceof Float) {
            return nodes.numberNode(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal d) {
            return nodes.numberNode(d);
        } else if (value instanceof Ref ref && refs) {
            ObjectNode node = nodes.objectNode();
            node.put(REF_KEY, refText(ref));
            return node;
        } else if (value instanceof Interpolation interpolation && refs) {
            ObjectNode node = nodes.objectNode();
            node.set(INTERPOLATION_KEY, toJson(interpolation.parts()));
            return node;
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode node = nodes.objectNode();
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sorted.forEach((k, v) -> node.set(k, toJson(v)));
            return node;
        } else if (value instanceof Collection<?> list) {
            ArrayNode node = nodes.arrayNode();
            list.forEach(v -> node.add(toJson(v)));
            return node;
        }
        throw new IllegalArgumentException("not an attribute value: " + value.getClass().getName() + " " + value);
    }

    /** The value a JSON tree holds: integers as {@code Integer} when they fit, else {@code Long}. */
    public Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return node.intValue();
            }
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        } else if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue() : node.doubleValue();
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(fromJson(element)));
            return Collections.unmodifiableList(list);
        } else if (node.isObject()) {
            if (refs && node.size() == 1 && node.has(REF_KEY) && node.get(REF_KEY).isTextual()) {
                return parseRef(node.get(REF_KEY).textValue());
            }
            if (refs && node.size() == 1 && node.has(INTERPOLATION_KEY) && node.get(INTERPOLATION_KEY).isArray()) {
                List<Object> parts = new ArrayList<>();
                node.get(INTERPOLATION_KEY).forEach(part -> parts.add(fromJson(part)));
                return new Interpolation(parts);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        throw new IllegalArgumentException("unexpected JSON value " + node);
    }

    /** A map of attribute values from a JSON object; a missing node gives an empty map. */
    public Map<String, Object> mapFromJson(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
        } else if (node != null && !node.isMissingNode() && !node.isNull()) {
            throw new IllegalArgumentException("expected an object but found " + node.getNodeType());
        }
        return map;
    }

    /** The text of a ref in a saved plan: the address, a dot and the attribute. */
    static String refText(Ref ref) {
        return ref.address() + "." + ref.attribute();
    }

    /** Parses {@link #refText}; the attribute is what follows the last dot, as attribute names have none. */
    static Ref parseRef(String text) {
        int dot = text.lastIndexOf('.');
        String attribute = dot < 0 ? "" : text.substring(dot + 1);
        if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a reference;"
                    + " expected tier.name.resource.attribute, e.g. loadBalancers.web.alb.arn");
        }
        return new Ref(ResourceAddress.parse(text.substring(0, dot)), attribute);
    }
}
