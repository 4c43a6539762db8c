package dev.scaffold.blueprint;

import java.util.ArrayList;

import java.util.List;
import java.util.Map;

/**
 * Applies the chosen environment: its {@code production} flag and its {@code variables} values are taken
 * out, the rest is deep-merged over the document.
 */
final class Environments {

    private static final List<String> NOT_OVERRIDABLE = List.of("environments", "imports", "blueprint");

    /** The document with the environment applied, and what the environment said besides. */
    record Applied(YamlNode.Mapping document, boolean production, YamlNode.Mapping variableValues) {}

    private Environments() {}

    /** Applies {@code name} ({@code null} for none); after reporting an unknown name, goes on without one. */
    static Applied apply(YamlNode.Mapping doc, String name, Diagnostics diagnostics) {
        YamlNode environments = doc.get("environments");
        YamlNode.Mapping base = TreeMerge.without(doc, "environments");
        Map<String, YamlNode.Entry> known = Map.of();
        if (environments instanceof YamlNode.Mapping m) {
            known = m.entries();
            for (YamlNode.Entry e : m.entries().values()) {
                if (!BindContext.TIER_NAME.matcher(e.key()).matches()) {
                    diagnostics.error(e.keyOrigin(), "invalid-name", "environment name '" + e.key()
                            + "' must be 1 to 31 lowercase letters, digits or '-', starting with a letter");
                }
                if (!(e.value() instanceof YamlNode.Mapping) && !(e.value() instanceof YamlNode.Scalar s && s.isNull())) {
                    diagnostics.error(e.value().origin(), "type", "environment '" + e.key() + "' must be a mapping, got "
                            + e.value().describe());
                }
            }
        } else if (environments != null && !(environments instanceof YamlNode.Scalar s && s.isNull())) {
            diagnostics.error(environments.origin(), "type", "environments must be a mapping of names to overrides, got "
                    + environments.describe());
        }
        if (name == null) {
            return new Applied(base, false, null);
        }
        YamlNode.Entry chosen = known.get(name);
        if (chosen == null) {
            String list = known.isEmpty() ? "the blueprint declares none" : "known: " + String.join(", ", known.keySet());
            String hint = Suggestions.closest(name, known.keySet());
            diagnostics.error(Origin.of("--env"), "unknown-environment", "unknown environment '" + name + "'"
                    + (hint != null ? " — did you mean '" + hint + "'? " + list : "; " + list));
            // Go on without the environment, so the rest of the file is still checked.
            return new Applied(base, false, null);
        }
        if (!(chosen.value() instanceof YamlNode.Mapping overlay)) {
            return new Applied(base, false, null);
        }
        boolean production = false;
        YamlNode flag = overlay.get("production");
        if (flag != null) {
            if (flag instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
                production = b;
            } else {
                diagnostics.error(flag.origin(), "type", "environments." + name + ".production must be true or false, got "
                        + Fields.shown(flag));
            }
        }
        YamlNode values = overlay.get("variables");
        YamlNode.Mapping variableValues = null;
        if (values instanceof YamlNode.Mapping v) {
            variableValues = v;
        } else if (values != null && !(values instanceof YamlNode.Scalar s && s.isNull())) {
            diagnostics.error(values.origin(), "type", "environments." + name + ".variables must map variable names to values");
        }
        for (String key : NOT_OVERRIDABLE) {
            YamlNode.Entry e = overlay.entry(key);
            if (e != null) {
                diagnostics.error(e.keyOrigin(), "unknown-key", "an environment cannot override '" + key + "'");
            }
        }
        List<String> notMerged = new ArrayList<>(NOT_OVERRIDABLE);
        notMerged.addAll(List.of("production", "variables"));
        YamlNode.Mapping rest = TreeMerge.without(overlay, notMerged.toArray(String[]::new));
        return new Applied((YamlNode.Mapping) TreeMerge.merge(base, rest), production, variableValues);
    }
}
