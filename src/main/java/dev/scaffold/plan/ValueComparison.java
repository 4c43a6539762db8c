package dev.scaffold.plan;

import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Equality of attribute values as AWS means it: numbers by value ({@code 1 == 1.0}), lists in order,
 * maps by key, whatever Java types the blueprint and the SDK happened to produce.
 */
final class ValueComparison {

    private ValueComparison() {
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return sameNumber(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return sameMap(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return sameList(x, y);
        }
        return a.equals(b);
    }

    /** Lists compare as multisets, whatever their order; other values as {@link #same}. */
    static boolean sameIgnoringOrder(Object a, Object b) {
        if (!(a instanceof List<?> x) || !(b instanceof List<?> y)) {
            return same(a, b);
        }
        if (x.size() != y.size()) {
            return false;
        }
        List<Object> unmatched = new ArrayList<>(y);
        for (Object item : x) {
            int at = indexOfSame(unmatched, item);
            if (at < 0) {
                return false;
            }
            unmatched.remove(at);
        }
        return true;
    }

    private static int indexOfSame(List<Object> items, Object wanted) {
        for (int i = 0; i < items.size(); i++) {
            if (same(items.get(i), wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the value is, or holds somewhere inside, a value known only after apply. */
    static boolean containsRef(Object value) {
        if (value instanceof Ref || value instanceof Interpolation) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(ValueComparison::containsRef);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(ValueComparison::containsRef);
        }
        return false;
    }

    private static boolean sameNumber(Number x, Number y) {
        if (isNotFinite(x) || isNotFinite(y)) {
            return x.doubleValue() == y.doubleValue();
        }
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }

    private static boolean isNotFinite(Number n) {
        return (n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue());
    }

    private static boolean sameMap(Map<?, ?> x, Map<?, ?> y) {
        if (!x.keySet().equals(y.keySet())) {
            return false;
        }
        return x.entrySet().stream().allMatch(e -> same(e.getValue(), y.get(e.getKey())));
    }

    private static boolean sameList(List<?> x, List<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        Iterator<?> i = x.iterator();
        Iterator<?> j = y.iterator();
        while (i.hasNext()) {
            if (!same(i.next(), j.next())) {
                return false;
            }
        }
        return true;
    }
}
