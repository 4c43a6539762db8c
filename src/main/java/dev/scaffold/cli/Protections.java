package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.engine.Stack;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.schema.ResourceTypes;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What keeps a stack's resources from deletion, as its blueprint and its state say, and how a user
 * lowers it: a destroy that cannot finish is refused before it makes any AWS call.
 */
final class Protections {

    private Protections() {
    }

    /**
     * Refuses a destroy before any AWS call when the environment is a production one, or when the
     * state records a resource whose deletion protection is on.
     *
     * @param again the command that destroys the stack, its options included
     * @param apply the command that applies the blueprint with the same options
     */
    static void refuseDestroy(Stack stack, State prior, ResourceTypes types, String again, String apply) {
        if (stack.blueprint().production()) {
            throw ScaffoldException.failure(productionRefusal(stack, apply, again));
        }
        // A flag recorded as sensitive is recorded as its digest.
        SensitiveValues digests = prior == null ? null : SensitiveValues.salted(prior.lineage());
        List<ResourceState> protectedOnes = prior == null ? List.of() : prior.resources().values().stream()
                .filter(r -> types.contains(r.type()))
                .filter(r -> types.get(r.type()).protectsFromDeletion(r.attributes(), digests::isTrue))
                .toList();
        if (!protectedOnes.isEmpty()) {
            String which = protectedOnes.stream().map(r -> r.address() + " ("
                    + types.get(r.type()).deletionProtection() + " is on)").collect(Collectors.joining(", "));
            throw ScaffoldException.failure("destroy refused: the state records deletion protection on " + which
                    + "; nothing was changed. " + howToLower(stack, apply, protectedOnes.stream().collect(
                    Collectors.toMap(ResourceState::address, r -> types.get(r.type()).deletionProtection())))
                    + ", then run: " + again);
        }
    }

    /** Why a destroy of a production environment is refused, and the commands that destroy it after all. */
    static String productionRefusal(Stack stack, String apply, String again) {
        return "destroy refused: environment " + stack.environment() + " is a production environment"
                + " (production: true), which keeps its load balancers from deletion; nothing was changed. "
                + howToLower(stack, apply, Map.of()) + ", then run: " + again;
    }

    /**
     * What to do so that the protected resources may go, e.g. set production: false and apply; {@code apply} asks
     * for the values of the variables the blueprint was loaded without, which an apply needs.
     */
    static String howToLower(Stack stack, String apply, Map<ResourceAddress, String> protectedOnes) {
        List<String> unknown = stack.blueprint().unknownVariables();
        // The values this run was given none of come before the command, which then pastes as it is.
        String run = unknown.isEmpty() ? "run: " : "run, giving " + String.join(", ", unknown) + " a value (an apply"
                + " needs every variable's, e.g. " + unknown.stream().map(name -> "--var " + name + "=…")
                .collect(Collectors.joining(" ")) + "): ";
        if (stack.blueprint().production()) {
            return "To lower it, set production: false in environments." + stack.environment() + " of "
                    + stack.blueprint().file() + " and " + run + apply;
        }
        List<String> asked = askedFor(stack, protectedOnes);
        if (!asked.isEmpty()) {
            return "To lower it, set " + String.join(" and ", asked) + " of " + stack.blueprint().file() + " and "
                    + run + apply;
        }
        return "Deletion protection was turned on outside this blueprint; to lower it, " + run + apply
                + " (the blueprint asks for it off)";
    }

    /**
     * The settings of the blueprint that ask for the protection of these resources, e.g. {@code deletionProtection:
     * false in databases.main}: a tier's setting of the protection's name that the blueprint's resource has on.
     */
    private static List<String> askedFor(Stack stack, Map<ResourceAddress, String> protectedOnes) {
        Set<String> settings = new LinkedHashSet<>();
        protectedOnes.forEach((address, attribute) -> stack.graph().get(address)
                .filter(spec -> Boolean.TRUE.equals(spec.attributes().get(attribute)))
                .ifPresent(spec -> settings.add(attribute + ": false in " + address.tier() + "." + address.name())));
        return List.copyOf(settings);
    }
}
