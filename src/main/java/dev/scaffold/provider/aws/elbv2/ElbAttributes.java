package dev.scaffold.provider.aws.elbv2;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.Found;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.state.Observed;
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
 * the resource, reads them one resource per call (ELBv2 has no batched form), sets them with one modify
 * call, and answers an empty value for one never set.
 *
 * @param <A> the SDK's attribute object, e.g. {@code LoadBalancerAttribute}
 */
final class ElbAttributes<A> {

    /**
     * One attribute.
     *
     * @param name scaffold's name of it
     * @param key the ELBv2 key it stands for
     * @param awsDefault what AWS applies when it was never set; its type is the attribute's type
     */
    record Attribute(String name, String key, Object awsDefault) {
    }

    private final List<Attribute> attributes;
    private final Set<String> gone;
    private String describeOperation;
    private Function<String, CompletableFuture<List<A>>> describe;
    private Function<A, String> keyOf;
    private Function<A, String> valueOf;
    private String modifyOperation;
    private BiFunction<String, String, A> make;
    private BiFunction<String, List<A>, CompletableFuture<?>> modify;

    /**
     * @param gone the error codes with which ELBv2 says the resource is gone
     */
    ElbAttributes(List<Attribute> attributes, Set<String> gone) {
        this.attributes = attributes.stream().sorted(Comparator.comparing(Attribute::name)).toList();
        this.gone = Set.copyOf(gone);
    }

    /** Reads a resource's attributes with {@code describe}, by ARN; {@code key} and {@code value} take them apart. */
    ElbAttributes<A> readBy(String operation, Function<String, CompletableFuture<List<A>>> describe,
                            Function<A, String> key, Function<A, String> value) {
        this.describeOperation = operation;
        this.describe = describe;
        this.keyOf = key;
        this.valueOf = value;
        return this;
    }

    /** Sets a resource's attributes with {@code modify}, by ARN, given the SDK's objects made by {@code make(key, value)}. */
    ElbAttributes<A> writtenBy(String operation, BiFunction<String, String, A> make,
                               BiFunction<String, List<A>, CompletableFuture<?>> modify) {
        this.modifyOperation = operation;
        this.make = make;
        this.modify = modify;
        return this;
    }

    /** Scaffold's names of the attributes, sorted. */
    List<String> names() {
        return attributes.stream().map(Attribute::name).toList();
    }

    /**
     * The resources found, each with the attributes its description gives ({@code described}) and these,
     * read one call per resource, in parallel; a resource gone meanwhile is left out.
     */
    <T> List<Observed> observed(ReadContext ctx, List<Found<T>> found, String type, Function<T, String> arnOf,
                                SdkAttributes<T> described) {
        Map<String, CompletableFuture<List<A>>> pending = new LinkedHashMap<>();
        found.forEach(f -> pending.put(arnOf.apply(f.resource()),
                ReadCalls.async(ctx, describeOperation, () -> describe.apply(arnOf.apply(f.resource())))));
        Map<String, Map<String, Object>> read = new HashMap<>();
        pending.forEach((arn, answer) -> ReadCalls.joinUnlessGone(answer, gone)
                .ifPresent(values -> read.put(arn, fromAws(values))));
        return found.stream().filter(f -> read.containsKey(arnOf.apply(f.resource()))).map(f -> {
            String arn = arnOf.apply(f.resource());
            Map<String, Object> values = new LinkedHashMap<>(described.read(f.resource()));
            values.putAll(read.get(arn));
            return f.observed(type, arn, arn, values);
        }).toList();
    }

    /** Sets the named attributes to the desired values with one call; nothing to set makes no call. */
    CompletableFuture<Void> modify(ApplyContext ctx, String arn, Attributes desired, Collection<String> names) {
        if (names.isEmpty()) {
            return ApplyCalls.none();
        }
        List<A> values = toAws(desired, names).entrySet().stream()
                .map(entry -> make.apply(entry.getKey(), entry.getValue())).toList();
        return ApplyCalls.call(ctx, modifyOperation, () -> modify.apply(arn, values)).thenApply(ignored -> null);
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

    private Map<String, Object> fromAws(List<A> answered) {
        Map<String, String> byKey = new HashMap<>();
        answered.forEach(attribute -> byKey.put(keyOf.apply(attribute), valueOf.apply(attribute)));
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
