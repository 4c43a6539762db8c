package dev.scaffold.blueprint;

/** A tier renamed in the blueprint, so that its resources move instead of being replaced. */
public record Move(TierName from, TierName to) {}
