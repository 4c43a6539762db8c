package dev.scaffold.blueprint;

import java.time.LocalDate;

/**
 * A policy rule waived for this blueprint, with the reason a reviewer will read.
 *
 * @param until the last day the waiver holds; after it the rule applies again
 */
public record Waiver(String rule, String reason, LocalDate until) {}
