package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What the section binders share: the diagnostics, the expression parser and the references still to check. */
final class BindContext {

    static final Pattern TIER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** The schema's {@code regionName}: a partition's prefix, a direction and a number, e.g. us-gov-west-1. */
    static final Pattern REGION = Pattern.compile(
            "[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)"
                    + "-[1-9][0-9]?");

    /** Problems about references and names, which stay what they are even in a value that came from a variable. */
    private static final Set<String> NOT_ABOUT_THE_VALUE = Set.of("unknown-tier", "unknown-variable", "missing-env",
            "interpolation", "reference-not-allowed", "invalid-reference", "unknown-attribute", "unknown-key", "no-value");

    final Diagnostics diagnostics;
    final List<ExprParser.PendingReference> pending = new ArrayList<>();
    final ExprParser exprs;
    private final Substitutions substituted;
    private final boolean variableValues;

    BindContext(Diagnostics diagnostics) {
        this(diagnostics, Substitutions.none(), false);
    }

    /**
     * {@code substituted}: where a whole {@code ${var.NAME}} was replaced by the variable's value, and by which;
     * {@code variableValues}: whether every value checked here is one given to a variable.
     */
    BindContext(Diagnostics diagnostics, Substitutions substituted, boolean variableValues) {
        this.diagnostics = diagnostics;
        this.exprs = new ExprParser(diagnostics, pending);
        this.substituted = substituted;
        this.variableValues = variableValues;
    }

    /**
     * Reports a problem; one with a value given to a variable is the variable's ({@code variable-value}), since
     * its cause is that value, which the document where it is used does not show.
     */
    void error(Origin at, String code, String message) {
        String variable = substituted.variableAt(at);
        if (substituted.unknownAt(at) != null && !NOT_ABOUT_THE_VALUE.contains(code) && !code.equals("type")) {
            return; // a value that is not known yet may be any value of its type
        }
        if (NOT_ABOUT_THE_VALUE.contains(code)) {
            diagnostics.error(at, code, message);
        } else if (variable != null && substituted.environmentValue(variable) != null) {
            // Only this environment gives the value: the problem is shown where it does.
            VariableResolver.Written given = substituted.environmentValue(variable);
            diagnostics.error(given.node().origin(), "variable-value", message + " (the value of " + given.what()
                    + ", used at " + (at.file().equals(given.node().origin().file()) ? "" : at.file() + ":")
                    + at.line() + ":" + at.column() + ")");
        } else if (variable != null) {
            diagnostics.error(at, "variable-value", message + " (the value of variable " + Quoted.of(variable) + ")");
        } else {
            diagnostics.error(at, variableValues ? "variable-value" : code, message);
        }
    }

    /** The variable whose value was put at {@code at}, or {@code null}. */
    String variableAt(Origin at) {
        return substituted.variableAt(at);
    }

    /** The type of the unknown value {@code node} is (a variable given no value), or {@code null} when it is known. */
    VariableType unknownType(YamlNode node) {
        return substituted.unknownAt(node.origin());
    }

    /** Whether {@code node} is a variable's whole value rather than something written in the document. */
    boolean isVariableValue(YamlNode node) {
        return substituted.isVariableValue(node);
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
                    + String.join(", ", sections.stream().sorted().toList()) + ", got " + Quoted.of(text));
            return null;
        }
        return new TierName(section, name);
    }

    /** Reports every reference to a tier that is not declared; {@code declared} maps section to tier names. */
    void checkReferences(Map<String, Set<String>> declared) {
        for (ExprParser.PendingReference ref : pending) {
            Set<String> names = declared.getOrDefault(ref.tier().section(), Set.of());
            if (!names.contains(ref.tier().name())) {
                String known = names.isEmpty() ? "none are declared" : "declared: " + Suggestions.list(names);
                String hint = Suggestions.closest(ref.tier().name(), names);
                error(ref.origin(), "unknown-tier", Quoted.of(ref.tier().toString()) + " does not exist"
                        + (hint != null ? " — did you mean " + Quoted.of(ref.tier().section() + "." + hint) + "?"
                                : "; " + known));
            }
        }
    }
}
