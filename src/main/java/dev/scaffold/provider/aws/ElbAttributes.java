package dev.scaffold.provider.aws;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * ELBv2's form of a handler's attributes: AWS keeps them as text under its own keys, apart from the
 * resource, and answers an empty value for one that was never set.
 *
 * @param attributes the attributes, sorted by scaffold's name
 */
record ElbAttributes(List<Attribute> attributes) {

    /**
     * One attribute.
     *
     * @param name scaffold's name of it
     * @param key the ELBv2 key it stands for
     * @param awsDefault what AWS applies when it was never set; its type is the attribute's type
     */
    record Attribute(String name, String key, Object awsDefault) {
    }

    ElbAttributes {
        attributes = attributes.stream().sorted(Comparator.comparing(Attribute::name)).toList();
    }

    static ElbAttributes of(Attribute... attributes) {
        return new ElbAttributes(List.of(attributes));
    }

    /** Scaffold's names of the attributes, sorted. */
    List<String> names() {
        return attributes.stream().map(Attribute::name).toList();
    }

    /** The attributes whose desired value differs from the actual one. */
    List<String> changed(Attributes desired, Attributes actual) {
        return names().stream().filter(name -> desired.differsFrom(actual, name)).toList();
    }

    /** The desired values of the named attributes as ELBv2 takes them: text, by ELBv2 key. */
    Map<String, String> toAws(Attributes desired, Collection<String> names) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            if (names.contains(attribute.name())) {
                byKey.put(attribute.key(), String.valueOf(desired.values().get(attribute.name())));
            }
        }
        return byKey;
    }

    /** {@link #toAws(Attributes, Collection)} as the SDK's attribute objects, built by {@code make(key, value)}. */
    <A> List<A> toAws(Attributes desired, Collection<String> names, BiFunction<String, String, A> make) {
        return toAws(desired, names).entrySet().stream().map(e -> make.apply(e.getKey(), e.getValue())).toList();
    }

    /** {@link #fromAws(Map)} from the SDK's attribute objects, each taken apart by {@code key} and {@code value}. */
    <A> Map<String, Object> fromAws(List<A> answered, Function<A, String> key, Function<A, String> value) {
        Map<String, String> byKey = new HashMap<>();
        answered.forEach(attribute -> byKey.put(key.apply(attribute), value.apply(attribute)));
        return fromAws(byKey);
    }

    /** The values ELBv2 answered (text, by ELBv2 key) by scaffold's name and typed, AWS's default where it has none. */
    Map<String, Object> fromAws(Map<String, String> byKey) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            String value = byKey.get(attribute.key());
            values.put(attribute.name(), value == null || value.isEmpty() ? attribute.awsDefault()
                    : typed(value, attribute.awsDefault()));
        }
        return values;
    }

    private static Object typed(String value, Object like) {
        if (like instanceof Boolean) {
            return Boolean.parseBoolean(value);
        }
        if (like instanceof Integer) {
            return Integer.parseInt(value);
        }
        return value;
    }
}
