package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.ResourceSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Carries the sensitivity of the blueprint's variables into the resources they expand to: every
 * attribute whose value holds a sensitive value — whole or as part of a string, however deep in a list
 * or map — and every tag that does is named in its resource's {@code sensitive} set, so that plans,
 * saved plans and the state show it as {@code (sensitive)} or a digest. It runs once after expansion,
 * so a component gets this without doing anything.
 *
 * <p>Text is searched for each value as it reads when interpolated; a number or boolean that a
 * component took as a typed value matches by equality. A value that merely happens to hold the text
 * of a secret is marked too: showing too little is safe, showing a secret is not.
 */
public final class SensitiveMarks {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,40}(\\.\\d{1,40})?");

    /** Each sensitive value as it reads inside a string. */
    private final List<String> texts;
    /** Each sensitive scalar as a number or boolean reads after {@link #canonical}, to match typed values. */
    private final Set<String> scalars;

    private SensitiveMarks(List<String> texts, Set<String> scalars) {
        this.texts = List.copyOf(texts);
        this.scalars = Set.copyOf(scalars);
    }

    /** The marks of a loaded blueprint's sensitive values. */
    public static SensitiveMarks of(Blueprint blueprint) {
        return of(blueprint.sensitiveValues());
    }

    /**
     * The marks of these values: strings, numbers, booleans, and lists and maps of them (whose every
     * key and leaf counts); empty strings match nothing.
     */
    public static SensitiveMarks of(Collection<?> values) {
        List<Object> leaves = new ArrayList<>();
        values.forEach(value -> collectLeaves(value, leaves));
        Set<String> texts = new TreeSet<>();
        Set<String> scalars = new TreeSet<>();
        for (Object leaf : leaves) {
            String text = String.valueOf(leaf);
            if (!text.isBlank()) {
                texts.add(text);
            }
            String canonical = canonical(leaf);
            if (canonical != null) {
                scalars.add(canonical);
                texts.add(canonical);
            }
        }
        return new SensitiveMarks(new ArrayList<>(texts), scalars);
    }

    /** Whether there is nothing to mark. */
    public boolean isEmpty() {
        return texts.isEmpty();
    }

    /** Each sensitive value as it reads inside text, e.g. for the logs to mask. */
    public List<String> texts() {
        return texts;
    }

    /** The resources with every attribute and tag that holds a sensitive value marked. */
    public List<ResourceSpec> applyTo(List<ResourceSpec> specs) {
        return isEmpty() ? specs : specs.stream().map(this::applyTo).toList();
    }

    /** The resource with every attribute and tag that holds a sensitive value marked; itself when none does. */
    public ResourceSpec applyTo(ResourceSpec spec) {
        Set<String> sensitive = new TreeSet<>(spec.sensitive());
        spec.attributes().forEach((name, value) -> {
            if (holdsSecret(value)) {
                sensitive.add(name);
            }
        });
        spec.tags().forEach((key, value) -> {
            if (holdsSecret(value) || holdsSecret(key)) {
                sensitive.add(ResourceSpec.tagName(key));
            }
        });
        return sensitive.equals(spec.sensitive()) ? spec : spec.withSensitive(sensitive);
    }

    /** Whether a value holds a sensitive one: a string that contains one, an equal number or boolean, or a part. */
    public boolean holdsSecret(Object value) {
        if (value instanceof String text) {
            return texts.stream().anyMatch(text::contains);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return scalars.contains(canonical(value));
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().anyMatch(key -> holdsSecret(String.valueOf(key)))
                    || map.values().stream().anyMatch(this::holdsSecret);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(this::holdsSecret);
        }
        if (value instanceof Interpolation interpolation) {
            return holdsSecret(interpolation.toString());
        }
        return false;
    }

    private static void collectLeaves(Object value, List<Object> leaves) {
        if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> leaves.add(String.valueOf(key)));
            map.values().forEach(v -> collectLeaves(v, leaves));
        } else if (value instanceof Collection<?> list) {
            list.forEach(v -> collectLeaves(v, leaves));
        } else if (value != null) {
            leaves.add(value);
        }
    }

    /**
     * A number as its plain decimal ({@code 8080}, {@code 1.5}) and a boolean as {@code true} or
     * {@code false}, from a typed value or from text that reads as one (a string variable a component
     * took as a number); {@code null} for other text.
     */
    private static String canonical(Object value) {
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        String text = String.valueOf(value).strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.toLowerCase(Locale.ROOT);
        }
        // Plain decimals only: an exponent such as 1e999999999 would spell out a billion digits.
        return DECIMAL.matcher(text).matches() ? new BigDecimal(text).stripTrailingZeros().toPlainString() : null;
    }
}
