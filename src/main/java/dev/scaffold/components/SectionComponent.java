package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.ResourceSpec;
import java.util.List;
import java.util.Map;

/**
 * Expands one section of the blueprint ({@code loadBalancers}, {@code services}, …) into the AWS resources
 * it needs. One class per section; a tier section without one is validated and noted as not provisioned yet.
 *
 * <p>Expansion has two steps, so that tiers may refer to each other whatever their order (a service's
 * environment holds a database's endpoint, the database admits the service's security group): first every
 * component says what its tiers offer ({@link #outputs}), then each expands with all of those at hand.
 */
public interface SectionComponent {

    /** The section this component expands, as the blueprint names it, e.g. {@code loadBalancers}. */
    String section();

    /**
     * What the section's tiers offer to {@code ${SECTION.NAME.ATTRIBUTE}} and {@code scaffold output}, e.g.
     * {@code loadBalancers.web.dnsName}, each a ref to the resource that will hold it or a list of such refs.
     */
    default Map<String, ?> outputs(StackContext stack, Blueprint blueprint) {
        return Map.of();
    }

    /** The section's resources; nothing when the blueprint leaves it empty. */
    List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values);
}
