package dev.scaffold.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** How an attribute value reads in a human plan: JSON-like, with refs as {@code (known after apply)}. */
final class PlanValueText {

    static final String KNOWN_AFTER_APPLY = "(known after apply)";
    static final String SENSITIVE = "(sensitive)";

    private PlanValueText() {
    }

    static String format(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Ref || value instanceof Interpolation) {
            return KNOWN_AFTER_APPLY;
        } else if (value instanceof String s) {
            return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(d);
        } else if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        } else if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> format(String.valueOf(e.getKey())) + ": " + format(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        } else if (value instanceof Collection<?> list) {
            return list.stream().map(PlanValueText::format).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
