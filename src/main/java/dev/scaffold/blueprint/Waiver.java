package dev.scaffold.blueprint;

import java.time.LocalDate;

/**
 * A policy rule waived for this blueprint, with the reason a reviewer will read.
 *
 * @param until the last day the waiver holds, or {@code null} for no end
 */
public record Waiver(String rule, String reason, LocalDate until) {}
