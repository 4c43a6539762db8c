package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a string left after variable interpolation into an {@link Expr}, checking that each
 * {@code ${SECTION.NAME.ATTRIBUTE}} names a section and an attribute that section declares. Whether the
 * named tier exists is checked once all sections are bound.
 */
final class ExprParser {

    private final Diagnostics diagnostics;
    private final List<PendingReference> pending;

    /** A reference to a tier whose existence is checked after binding. */
    record PendingReference(TierName tier, Origin origin) {}

    ExprParser(Diagnostics diagnostics, List<PendingReference> pending) {
        this.diagnostics = diagnostics;
        this.pending = pending;
    }

    /** An expression that may hold tier references; {@code null} after a reported problem. */
    Expr parse(String text, Origin at) {
        Placeholders.Split split = Placeholders.split(text);
        if (split.error() != null) {
            diagnostics.error(at, "interpolation", split.error());
            return null;
        }
        List<Part> parts = new ArrayList<>();
        boolean ok = true;
        for (Placeholders.Segment segment : split.segments()) {
            if (segment instanceof Placeholders.Text t) {
                parts.add(new Literal(t.text()));
            } else if (alreadyReported((Placeholders.Placeholder) segment)) {
                ok = false;
            } else {
                TierReference ref = reference(((Placeholders.Placeholder) segment).inner(), at);
                if (ref == null) {
                    ok = false;
                } else {
                    parts.add(ref);
                    pending.add(new PendingReference(ref.tier(), at));
                }
            }
        }
        return ok ? new Expr(mergeLiterals(parts)) : null;
    }

    /** Plain text where no tier reference is allowed; {@code null} after a reported problem. */
    String literal(String text, Origin at, String what) {
        if (!Placeholders.mayContain(text)) {
            return text;
        }
        Placeholders.Split split = Placeholders.split(text);
        if (split.error() != null) {
            diagnostics.error(at, "interpolation", split.error());
            return null;
        }
        if (split.segments().stream().anyMatch(s -> s instanceof Placeholders.Placeholder p && alreadyReported(p))) {
            return null;
        }
        if (split.hasPlaceholders()) {
            String inner = ((Placeholders.Placeholder) split.segments().stream()
                    .filter(s -> s instanceof Placeholders.Placeholder).findFirst().orElseThrow()).inner();
            diagnostics.error(at, "reference-not-allowed", what + " must be known before apply; it cannot use "
                    + Quoted.of("${" + inner + "}"));
            return null;
        }
        StringBuilder out = new StringBuilder();
        split.segments().forEach(s -> out.append(((Placeholders.Text) s).text()));
        return out.toString();
    }

    /** Variables and environment variables left in place failed to resolve, and that was reported. */
    private static boolean alreadyReported(Placeholders.Placeholder p) {
        return p.isVariableOrEnvironment();
    }

    private TierReference reference(String inner, Origin at) {
        String[] p = inner.split("\\.", -1);
        String section = p[0];
        if (!TierAttributes.sections().contains(section)) {
            diagnostics.error(at, "invalid-reference", Quoted.of("${" + inner + "}") + " is not a reference; use ${var.NAME}, "
                    + "${env.NAME} or ${SECTION.NAME.ATTRIBUTE} with SECTION one of "
                    + String.join(", ", TierAttributes.sections().stream().sorted().toList()));
            return null;
        }
        boolean singleton = TierAttributes.isSingleton(section);
        int expected = singleton ? 2 : 3;
        if (p.length != expected || List.of(p).contains("")) {
            diagnostics.error(at, "invalid-reference", Quoted.of("${" + inner + "}") + " must be written "
                    + (singleton ? "${" + section + ".ATTRIBUTE}" : "${" + section + ".NAME.ATTRIBUTE}"));
            return null;
        }
        String name = singleton ? section : p[1];
        String attribute = p[expected - 1];
        List<String> offered = TierAttributes.of(section);
        if (!offered.contains(attribute)) {
            diagnostics.error(at, "unknown-attribute", section + " offer no attribute " + Quoted.of(attribute)
                    + "; allowed: " + String.join(", ", offered));
            return null;
        }
        return new TierReference(section, name, attribute);
    }

    private static List<Part> mergeLiterals(List<Part> parts) {
        List<Part> merged = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Literal l && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof Literal prev) {
                merged.set(merged.size() - 1, new Literal(prev.text() + l.text()));
            } else {
                merged.add(part);
            }
        }
        return merged;
    }
}
