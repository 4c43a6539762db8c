package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.Observed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The attributes of one resource type, each declared once: its name in scaffold's specs, the member of
 * the SDK's description it is read from, the member of the requests it is written into, and how its
 * value converts between the two. A handler's read and its "what I just wrote" both come from here.
 *
 * <p>Members are named as AWS's API names them ({@code HealthCheckPath}, {@code Matcher.HttpCode} for a
 * member of a nested structure). AWS gives a member the same name in the create request and the modify
 * request, so one declaration serves both; a request is given the attributes it has a member for. The
 * members are checked against the SDK's description and request types when the declaration is built,
 * so a misspelt one fails at once, not in the middle of an apply.
 *
 * @param <T> the SDK's description of the resource, e.g. {@code TargetGroup}
 */
public final class SdkAttributes<T> {

    /**
     * One attribute.
     *
     * @param name scaffold's name of it
     * @param read takes the value out of the SDK's description, {@code null} when it is never read
     * @param writeMember the request member it is written into, {@code null} when it is never written
     * @param toAws turns a spec value into the request member's value
     * @param computed set by AWS: read, never written, and taken from AWS's answer after a change
     */
    private record Attribute<T>(String name, Function<T, Object> read, String writeMember,
                                Function<Object, Object> toAws, boolean computed) {
    }

    private final List<Attribute<T>> attributes;

    private SdkAttributes(List<Attribute<T>> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    /**
     * Starts the declaration for resources the SDK describes as {@code T}.
     *
     * @param description a builder of {@code T}, e.g. {@code TargetGroup.builder()}, whose members the
     *     declarations are checked against
     */
    public static <T> Builder<T> describedAs(SdkBuilder<?, T> description) {
        return new Builder<>((SdkPojo) description);
    }

    /** The names of every attribute that is written, in declaration order. */
    public List<String> names() {
        return attributes.stream().filter(a -> a.writeMember() != null).map(Attribute::name).toList();
    }

    /** Every attribute that is read, by name, from AWS's description of a resource. */
    public Map<String, Object> read(T resource) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute<T> attribute : attributes) {
            if (attribute.read() != null) {
                values.put(attribute.name(), attribute.read().apply(resource));
            }
        }
        return values;
    }

    /** Writes every attribute the request has a member for and the spec a value of. */
    public <B extends SdkPojo> B write(B request, Attributes desired) {
        return write(request, desired, names());
    }

    /** Writes the named attributes that the request has a member for and the spec a value of. */
    public <B extends SdkPojo> B write(B request, Attributes desired, Collection<String> names) {
        Map<String, Object> byMember = new LinkedHashMap<>();
        for (Attribute<T> attribute : attributes) {
            Object value = desired.values().get(attribute.name());
            if (attribute.writeMember() != null && names.contains(attribute.name()) && value != null
                    && Members.has(request, attribute.writeMember())) {
                Object toAws = attribute.toAws().apply(value);
                if (toAws != null) {
                    byMember.put(attribute.writeMember(), toAws);
                }
            }
        }
        Members.set(request, byMember);
        return request;
    }

    /**
     * The resource as a create or update that just wrote {@code spec} leaves it: the spec's attributes,
     * which AWS now has, and the computed ones from AWS's answer ({@code answer}, or none when it gave none).
     */
    public Observed written(ResourceSpec spec, String type, String physicalId, String arn, T answer) {
        Map<String, Object> values = new LinkedHashMap<>(spec.attributes());
        if (answer != null) {
            attributes.stream().filter(Attribute::computed)
                    .forEach(attribute -> values.put(attribute.name(), attribute.read().apply(answer)));
        }
        return new Observed(spec.address(), type, physicalId, arn, values, spec.tags());
    }

    /** Builds an {@link SdkAttributes}, checking each member as it is declared. */
    public static final class Builder<T> {

        private final SdkPojo description;
        private final List<SdkPojo> requests = new ArrayList<>();
        private final List<Attribute<T>> attributes = new ArrayList<>();

        private Builder(SdkPojo description) {
            this.description = description;
        }

        /** The request builders the attributes are written into, e.g. the create and the modify request's. */
        public Builder<T> writtenTo(SdkPojo... requestBuilders) {
            requests.addAll(List.of(requestBuilders));
            return this;
        }

        /** An attribute read from and written to the member of that name. */
        public Builder<T> member(String name, String member) {
            return member(name, member, member);
        }

        /** An attribute read from one member and written to another, e.g. {@code TargetGroupName} and {@code Name}. */
        public Builder<T> member(String name, String readMember, String writeMember) {
            return add(name, reader(readMember), writeMember, value -> value, false);
        }

        /** An attribute whose value converts between the spec's form and AWS's both ways. */
        public Builder<T> member(String name, String member, Function<Object, Object> fromAws,
                                 Function<Object, Object> toAws) {
            Function<T, Object> raw = reader(member);
            return add(name, resource -> fromAws.apply(raw.apply(resource)), member, toAws, false);
        }

        /** An attribute that AWS describes in a shape of its own, read by {@code read} and written to {@code writeMember}. */
        public Builder<T> read(String name, Function<T, Object> read, String writeMember) {
            return add(name, read, writeMember, value -> value, false);
        }

        /**
         * An attribute that AWS describes in a shape of its own, read by {@code read} and written to {@code writeMember}
         * as {@code toAws} makes it; {@code null} from {@code toAws} leaves the member unset.
         */
        public Builder<T> read(String name, Function<T, Object> read, String writeMember, Function<Object, Object> toAws) {
            return add(name, read, writeMember, toAws, false);
        }

        /** An attribute AWS sets: read from the member, never written. */
        public Builder<T> computed(String name, String member) {
            return add(name, reader(member), null, value -> value, true);
        }

        /** An attribute AWS sets in a shape of its own, read by {@code read}, never written. */
        public Builder<T> computed(String name, Function<T, Object> read) {
            return add(name, read, null, value -> value, true);
        }

        public SdkAttributes<T> build() {
            return new SdkAttributes<>(attributes);
        }

        private Builder<T> add(String name, Function<T, Object> read, String writeMember,
                               Function<Object, Object> toAws, boolean computed) {
            if (writeMember != null && requests.stream().noneMatch(request -> Members.has(request, writeMember))) {
                throw new IllegalArgumentException("no request of " + name + " has a member " + writeMember);
            }
            attributes.add(new Attribute<>(name, read, writeMember, toAws, computed));
            return this;
        }

        private Function<T, Object> reader(String member) {
            if (!Members.has(description, member)) {
                throw new IllegalArgumentException(description.getClass().getSimpleName() + " has no member " + member);
            }
            return resource -> Members.get((SdkPojo) resource, member);
        }
    }

    /** Reads and writes the members of the SDK's objects by name, nested ones as {@code Outer.Inner}. */
    private static final class Members {

        private Members() {
        }

        static boolean has(SdkPojo pojo, String path) {
            String[] names = path.split("\\.", 2);
            SdkField<?> field = pojo.sdkFieldNameToField().get(names[0]);
            if (field == null) {
                return false;
            }
            return names.length == 1 || field.marshallingType() == MarshallingType.SDK_POJO
                    && has(field.constructor().get(), names[1]);
        }

        static Object get(SdkPojo pojo, String path) {
            Object value = pojo;
            for (String name : path.split("\\.")) {
                if (value == null) {
                    return null;
                }
                SdkPojo current = (SdkPojo) value;
                value = current.sdkFieldNameToField().get(name).getValueOrDefault(current);
            }
            return value instanceof List<?> list ? List.copyOf(list) : value;
        }

        /** Sets the members of a builder, those of one nested structure built together. */
        static void set(SdkPojo builder, Map<String, Object> byMember) {
            Map<String, Map<String, Object>> nested = new LinkedHashMap<>();
            byMember.forEach((path, value) -> {
                String[] names = path.split("\\.", 2);
                SdkField<?> field = builder.sdkFieldNameToField().get(names[0]);
                if (names.length == 1) {
                    field.set(builder, typed(field, value));
                } else {
                    nested.computeIfAbsent(names[0], name -> new LinkedHashMap<>()).put(names[1], value);
                }
            });
            nested.forEach((name, members) -> {
                SdkField<?> field = builder.sdkFieldNameToField().get(name);
                SdkPojo inner = field.constructor().get();
                set(inner, members);
                field.set(builder, ((SdkBuilder<?, ?>) inner).build());
            });
        }

        private static Object typed(SdkField<?> field, Object value) {
            MarshallingType<?> type = field.marshallingType();
            if (type == MarshallingType.INTEGER) {
                return ((Number) value).intValue();
            }
            if (type == MarshallingType.LONG) {
                return ((Number) value).longValue();
            }
            if (type == MarshallingType.STRING) {
                return Objects.toString(value);
            }
            return value;
        }
    }
}
