package dev.scaffold.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A text made of literal parts and values known only after apply, e.g. the policy ARN
 * {@code arn:aws:logs:us-east-1:${stack.main.account.accountId}:log-group:/scaffold/shop/*} or a service's
 * user data that holds a database's endpoint. Its refs are edges of the graph like any other; once they are
 * all known it is the plain text they make.
 *
 * @param parts {@code String}s and {@link Ref}s, in order
 */
public record Interpolation(List<Object> parts) {

    public Interpolation {
        parts = List.copyOf(parts);
        for (Object part : parts) {
            if (!(part instanceof String) && !(part instanceof Ref)) {
                throw new IllegalArgumentException("an interpolation's parts are texts and refs, not " + part);
            }
        }
    }

    /** The text of {@code parts}, or an interpolation when any of them is a ref. */
    public static Object of(Object... parts) {
        return joined(List.of(parts));
    }

    /** The refs among the parts. */
    public List<Ref> refs() {
        return parts.stream().filter(Ref.class::isInstance).map(Ref.class::cast).toList();
    }

    /** The parts with each ref replaced by {@code valueOf} it: the text, or still an interpolation while a ref is left. */
    public Object resolved(Function<Ref, Object> valueOf) {
        List<Object> resolved = new ArrayList<>();
        for (Object part : parts) {
            Object value = part instanceof Ref ref ? valueOf.apply(ref) : part;
            resolved.add(value instanceof Ref ? value : String.valueOf(value));
        }
        return joined(resolved);
    }

    private static Object joined(List<Object> parts) {
        List<Object> merged = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Ref) {
                if (!text.isEmpty()) {
                    merged.add(text.toString());
                    text.setLength(0);
                }
                merged.add(part);
            } else {
                text.append(part);
            }
        }
        if (merged.isEmpty()) {
            return text.toString();
        }
        if (!text.isEmpty()) {
            merged.add(text.toString());
        }
        return merged.size() == 1 && merged.get(0) instanceof Ref ref ? ref : new Interpolation(merged);
    }

    /** The text with each ref written as {@code ${address.attribute}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        parts.forEach(text::append);
        return text.toString();
    }
}
