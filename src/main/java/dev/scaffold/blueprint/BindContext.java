package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What the section binders share: the diagnostics, the expression parser and the references still to check. */
final class BindContext {

    static final Pattern TIER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    static final Pattern REGION = Pattern.compile(
            "(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov|-iso|-isob)?-(north|south|east|west|central|northeast|northwest"
                    + "|southeast|southwest)-[1-9]");

    final Diagnostics diagnostics;
    final List<ExprParser.PendingReference> pending = new ArrayList<>();
    final ExprParser exprs;

    BindContext(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.exprs = new ExprParser(diagnostics, pending);
    }

    void error(Origin at, String code, String message) {
        diagnostics.error(at, code, message);
    }

    /**
     * Reads {@code SECTION.NAME} (e.g. {@code services.app}) naming a tier of one of {@code sections};
     * its existence is checked after binding.
     */
    TierName tierName(YamlNode node, Set<String> sections, String what) {
        TierName tier = parseTierName(node, sections, what);
        if (tier != null) {
            pending.add(new ExprParser.PendingReference(tier, node.origin()));
        }
        return tier;
    }

    /** Reads {@code SECTION.NAME} without requiring the tier to exist (e.g. the old name of a moved tier). */
    TierName parseTierName(YamlNode node, Set<String> sections, String what) {
        String text = Fields.text(node, this, what);
        if (text == null) {
            return null;
        }
        int dot = text.indexOf('.');
        String section = dot < 0 ? "" : text.substring(0, dot);
        String name = dot < 0 ? "" : text.substring(dot + 1);
        if (!sections.contains(section) || name.isEmpty() || name.contains(".")) {
            error(node.origin(), "invalid-reference", what + " must name a tier as SECTION.NAME with SECTION one of "
                    + String.join(", ", sections.stream().sorted().toList()) + ", got '" + text + "'");
            return null;
        }
        return new TierName(section, name);
    }

    /** Reports every reference to a tier that is not declared; {@code declared} maps section to tier names. */
    void checkReferences(Map<String, Set<String>> declared) {
        for (ExprParser.PendingReference ref : pending) {
            Set<String> names = declared.getOrDefault(ref.tier().section(), Set.of());
            if (!names.contains(ref.tier().name())) {
                String known = names.isEmpty() ? "none are declared" : "declared: " + String.join(", ", names);
                String hint = Suggestions.closest(ref.tier().name(), names);
                error(ref.origin(), "unknown-tier", "'" + ref.tier() + "' does not exist"
                        + (hint != null ? " — did you mean '" + ref.tier().section() + "." + hint + "'?" : "; " + known));
            }
        }
    }
}
