package dev.scaffold.blueprint;

/** Text of an {@link Expr} that is known now. */
public record Literal(String text) implements Part {}
