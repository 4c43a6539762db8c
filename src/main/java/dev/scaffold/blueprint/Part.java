package dev.scaffold.blueprint;

/** One piece of an {@link Expr}: literal text, or a value of another tier known only after apply. */
public sealed interface Part permits Literal, TierReference {}
