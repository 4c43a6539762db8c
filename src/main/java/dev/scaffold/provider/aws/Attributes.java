package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to a spec's or an observed resource's attributes, by the names of a handler's vocabulary.
 *
 * <p>A missing or mistyped attribute is a bug in the component or handler that made it, so it
 * throws {@link IllegalStateException} naming the resource and attribute.
 */
public record Attributes(ResourceAddress address, Map<String, Object> values) {

    public static Attributes of(ResourceSpec spec) {
        return new Attributes(spec.address(), spec.attributes());
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String string(String name) {
        return required(name, String.class);
    }

    /** The value, or {@code null} when it is absent. */
    public int integer(String name) {
        return required(name, Number.class).intValue();
    }

    public boolean bool(String name) {
        return required(name, Boolean.class);
    }

    public List<String> strings(String name) {
        List<String> strings = new ArrayList<>();
        for (Object item : required(name, List.class)) {
            strings.add(String.valueOf(item));
        }
        return strings;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        return required(name, Map.class);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> maps(String name) {
        return required(name, List.class);
    }

    private <T> T required(String name, Class<T> kind) {
        Object value = values.get(name);
        if (!kind.isInstance(value)) {
            throw new IllegalStateException(address + ": attribute '" + name + "' should be a "
                    + kind.getSimpleName() + " but is " + (value == null ? "missing" : value.getClass().getSimpleName()));
        }
        return kind.cast(value);
    }
}
