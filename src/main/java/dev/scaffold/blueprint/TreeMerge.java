package dev.scaffold.blueprint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep merge of located trees, as Terraform users expect of overrides: mappings merge key by key, lists
 * and scalars of the overlay replace the base. Every node keeps the file and position it came from.
 */
final class TreeMerge {

    private TreeMerge() {}

    /** An import merged under the file that imports it: merged mappings are where the importing file has them. */
    static YamlNode merge(YamlNode base, YamlNode overlay) {
        return merge(base, overlay, false);
    }

    /**
     * An environment merged over the document: merged mappings stay where the document declares them, so that
     * a problem with a tier is reported once, where the tier is, whichever environments change it.
     */
    static YamlNode patch(YamlNode base, YamlNode overlay) {
        return merge(base, overlay, true);
    }

    private static YamlNode merge(YamlNode base, YamlNode overlay, boolean keepBase) {
        if (base instanceof YamlNode.Mapping b && overlay instanceof YamlNode.Mapping o) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(b.entries());
            long weight = 1;
            for (YamlNode.Entry entry : o.entries().values()) {
                YamlNode.Entry existing = entries.get(entry.key());
                YamlNode value = existing == null ? entry.value() : merge(existing.value(), entry.value(), keepBase);
                Origin keyAt = existing != null && keepBase ? existing.keyOrigin() : entry.keyOrigin();
                entries.put(entry.key(), new YamlNode.Entry(entry.key(), keyAt, value));
            }
            for (YamlNode.Entry e : entries.values()) {
                weight += e.value().weight();
            }
            return new YamlNode.Mapping(keepBase ? b.origin() : o.origin(), entries, weight);
        }
        return overlay;
    }

    /** {@code map} without the given keys. */
    static YamlNode.Mapping without(YamlNode.Mapping map, String... keys) {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(map.entries());
        for (String key : keys) {
            entries.remove(key);
        }
        return new YamlNode.Mapping(map.origin(), entries, map.weight());
    }

    static YamlNode.Mapping empty(Origin at) {
        return new YamlNode.Mapping(at, Map.of(), 1);
    }
}
