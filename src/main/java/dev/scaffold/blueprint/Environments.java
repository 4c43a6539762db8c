package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the chosen environment: its {@code production} flag and its {@code variables} values are taken
 * out, the rest is deep-merged over the document.
 */
final class Environments {

    /**
     * The environment a stack applied without {@code --env} is named and tagged with (its resources are
     * {@code scaffold:env=default}), so no declared environment may take the name.
     */
    static final String NO_ENVIRONMENT = "default";

    private static final List<String> NOT_OVERRIDABLE = List.of("environments", "imports", "blueprint");

    /** The document with the environment applied, and what the environment said besides. */
    record Applied(YamlNode.Mapping document, boolean production, YamlNode.Mapping variableValues) {}

    private Environments() {}

    /** The environments the document declares, by name; problems with the section itself are reported. */
    static Map<String, YamlNode.Entry> declared(YamlNode.Mapping doc, Diagnostics diagnostics) {
        YamlNode environments = doc.get("environments");
        if (environments == null) {
            return Map.of();
        }
        if (!(environments instanceof YamlNode.Mapping m)) {
            String hint = Fields.isNull(environments) ? "; remove the key or declare an environment" : "";
            diagnostics.error(environments.origin(), Fields.isNull(environments) ? "no-value" : "type",
                    "environments must be a mapping of names to overrides, got " + environments.describe() + hint);
            return Map.of();
        }
        for (YamlNode.Entry e : m.entries().values()) {
            if (!BindContext.TIER_NAME.matcher(e.key()).matches()) {
                diagnostics.error(e.keyOrigin(), "invalid-name", "environment name " + Quoted.of(e.key())
                        + " must be 1 to 31 lowercase letters, digits or '-', starting with a letter");
            } else if (e.key().equals(NO_ENVIRONMENT)) {
                diagnostics.error(e.keyOrigin(), "reserved-name", "environment name 'default' is reserved: a stack "
                        + "applied without --env is named and tagged 'default', so this environment would share its "
                        + "AWS names and tags while keeping another state; rename it, e.g. to 'dev'");
            }
            if (Fields.isNull(e.value())) {
                diagnostics.error(e.value().origin(), "no-value", "environment " + Quoted.of(e.key())
                        + " has no value; write '" + Quoted.bare(e.key()) + ": {}' for an environment that changes nothing");
            } else if (!(e.value() instanceof YamlNode.Mapping)) {
                diagnostics.error(e.value().origin(), "type", "environment " + Quoted.of(e.key())
                        + " must be a mapping, got " + e.value().describe());
            }
        }
        return m.entries();
    }

    /** Applies {@code name} ({@code null} for none); after reporting an unknown name, goes on without one. */
    static Applied apply(YamlNode.Mapping doc, String name, Diagnostics diagnostics) {
        Map<String, YamlNode.Entry> known = declared(doc, diagnostics);
        YamlNode.Mapping base = TreeMerge.without(doc, "environments");
        if (name == null) {
            return new Applied(base, false, null);
        }
        YamlNode.Entry chosen = known.get(name);
        if (chosen == null) {
            String list = known.isEmpty() ? "the blueprint declares none" : "known: " + Suggestions.list(known.keySet());
            String hint = Suggestions.closest(name, known.keySet());
            diagnostics.error(Origin.of("--env"), "unknown-environment", "unknown environment " + Quoted.of(name)
                    + (hint != null ? " — did you mean " + Quoted.of(hint) + "? " + list : "; " + list));
            // Go on without the environment, so the rest of the file is still checked.
            return new Applied(base, false, null);
        }
        if (!(chosen.value() instanceof YamlNode.Mapping overlay)) {
            return new Applied(base, false, null);
        }
        String where = "environments." + Quoted.bare(name);
        boolean production = false;
        YamlNode flag = overlay.get("production");
        if (flag != null) {
            if (flag instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
                production = b;
            } else {
                diagnostics.error(flag.origin(), "type", where + ".production must be true or false, got "
                        + Fields.shown(flag));
            }
        }
        YamlNode values = overlay.get("variables");
        YamlNode.Mapping variableValues = null;
        if (values instanceof YamlNode.Mapping v) {
            variableValues = v;
        } else if (values != null) {
            diagnostics.error(values.origin(), Fields.isNull(values) ? "no-value" : "type",
                    where + ".variables must map variable names to values, got " + values.describe());
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
        return new Applied((YamlNode.Mapping) TreeMerge.patch(base, rest), production, variableValues);
    }
}
