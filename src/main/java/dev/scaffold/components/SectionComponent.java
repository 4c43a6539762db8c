package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;

/**
 * Expands one section of the blueprint ({@code loadBalancers}, {@code services}, …) into the AWS resources
 * it needs, with what it offers other tiers and {@code scaffold output}. One class per section; a section
 * without one is validated and noted as not provisioned yet.
 */
public interface SectionComponent {

    /** The section this component expands, as the blueprint names it, e.g. {@code loadBalancers}. */
    String section();

    /** The section's resources, outputs and notices; nothing when the blueprint leaves it empty. */
    Expansion expand(StackContext stack, Blueprint blueprint);
}
