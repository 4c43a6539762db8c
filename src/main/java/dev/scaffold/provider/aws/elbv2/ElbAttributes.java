package dev.scaffold.provider.aws.elbv2;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.ReadCalls;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * ELBv2's form of some of a handler's attributes: AWS keeps them as text under its own keys, apart from
 * the resource, reads them one resource per call, and answers an empty value for one never set.
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

    /**
     * The attributes of each resource, by ARN, read by {@code describe}, one call per resource (ELBv2 has no
     * batched form), in parallel; a resource gone meanwhile (one of the {@code gone} codes) is left out.
     *
     * @param key and {@code value} take the SDK's attribute objects apart
     */
    <A> Map<String, Map<String, Object>> read(ReadContext ctx, String operation, Collection<String> arns,
                                              Set<String> gone, Function<String, CompletableFuture<List<A>>> describe,
                                              Function<A, String> key, Function<A, String> value) {
        Map<String, CompletableFuture<List<A>>> pending = new LinkedHashMap<>();
        arns.forEach(arn -> pending.put(arn, ReadCalls.async(ctx, operation, () -> describe.apply(arn))));
        Map<String, Map<String, Object>> read = new HashMap<>();
        pending.forEach((arn, answer) -> ReadCalls.joinUnlessGone(answer, gone)
                .ifPresent(values -> read.put(arn, fromAws(values, key, value))));
        return read;
    }

    /**
     * Sets the named attributes to the desired values with one call, {@code modify}, given the SDK's
     * attribute objects made by {@code make(key, value)}; nothing to set makes no call.
     */
    <A> CompletableFuture<Void> modify(ApplyContext ctx, String operation, Attributes desired, Collection<String> names,
                                       BiFunction<String, String, A> make,
                                       Function<List<A>, CompletableFuture<?>> modify) {
        if (names.isEmpty()) {
            return ApplyCalls.none();
        }
        List<A> values = toAws(desired, names).entrySet().stream()
                .map(entry -> make.apply(entry.getKey(), entry.getValue())).toList();
        return ApplyCalls.call(ctx, operation, () -> modify.apply(values)).thenApply(ignored -> null);
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

    private <A> Map<String, Object> fromAws(List<A> answered, Function<A, String> key, Function<A, String> value) {
        Map<String, String> byKey = new HashMap<>();
        answered.forEach(attribute -> byKey.put(key.apply(attribute), value.apply(attribute)));
        return fromAws(byKey);
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
