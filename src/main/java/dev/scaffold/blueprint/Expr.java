package dev.scaffold.blueprint;

import java.util.List;
import java.util.stream.Collectors;

/** A string that may contain references to other tiers' attributes, which are known only after apply. */
public record Expr(List<Part> parts) {

    public Expr {
        parts = List.copyOf(parts);
    }

    /** An expression that is plain text. */
    public static Expr of(String text) {
        return new Expr(text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    /** True when the value is known now, without apply. */
    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The text of a literal expression; fails for one with references (check {@link #isLiteral()} first). */
    public String literal() {
        if (!isLiteral()) {
            throw new IllegalStateException("expression " + this + " is known only after apply");
        }
        return parts.stream().map(p -> ((Literal) p).text()).collect(Collectors.joining());
    }

    /** The tier references in order of appearance. */
    public List<TierReference> references() {
        return parts.stream().filter(p -> p instanceof TierReference).map(p -> (TierReference) p).toList();
    }

    /** The expression as written, with literal {@code ${} escaped as {@code $${}. */
    @Override
    public String toString() {
        return parts.stream()
                .map(p -> p instanceof Literal l ? l.text().replace("${", "$${") : p.toString())
                .collect(Collectors.joining());
    }
}
