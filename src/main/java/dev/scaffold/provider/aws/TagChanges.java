package dev.scaffold.provider.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tags to set and to remove to turn a resource's tags into the desired ones; tags AWS owns
 * ({@code aws:*}) are never removed.
 *
 * @param toSet tags that are missing or have another value
 * @param toRemove keys to remove
 */
record TagChanges(Map<String, String> toSet, Set<String> toRemove) {

    static TagChanges between(Map<String, String> current, Map<String, String> desired) {
        Map<String, String> toSet = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                toSet.put(key, value);
            }
        });
        Set<String> toRemove = new TreeSet<>();
        for (String key : current.keySet()) {
            if (!desired.containsKey(key) && !key.startsWith("aws:")) {
                toRemove.add(key);
            }
        }
        return new TagChanges(toSet, toRemove);
    }

    boolean isEmpty() {
        return toSet.isEmpty() && toRemove.isEmpty();
    }
}
