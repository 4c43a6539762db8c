package dev.scaffold.blueprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses environments that would give two stacks of one blueprint the same AWS names. scaffold names what it
 * creates {@code STACK[-ENV]-TIER…}, so a tier {@code prod-web} without an environment and the tier {@code web}
 * under environment {@code prod} would both be {@code shop-prod-web}: two states, one load balancer. The same
 * holds between environments {@code a} (tier {@code b-web}) and {@code a-b} (tier {@code web}). Tags cannot
 * clash once the name {@code default} is refused, since they carry the environment's name whole.
 */
final class EnvironmentNames {

    private EnvironmentNames() {}

    /** One stack of the blueprint: no environment ({@code null}) or one, with where it is declared. */
    private record Context(String environment, Origin declaredAt) {
        String prefix() {
            return environment == null ? "" : environment + "-";
        }

        String describe() {
            return environment == null ? "without an environment" : "in environment " + Quoted.of(environment);
        }
    }

    /** Reports every environment whose names clash with those of no environment or of an earlier environment. */
    static void check(YamlNode.Mapping doc, Diagnostics diagnostics) {
        if (!(doc.get("environments") instanceof YamlNode.Mapping environments)) {
            return;
        }
        List<Context> contexts = new ArrayList<>();
        contexts.add(new Context(null, doc.origin()));
        for (YamlNode.Entry e : environments.entries().values()) {
            if (BindContext.TIER_NAME.matcher(e.key()).matches() && !e.key().equals(Environments.NO_ENVIRONMENT)
                    && e.value() instanceof YamlNode.Mapping) {
                contexts.add(new Context(e.key(), e.keyOrigin()));
            }
        }
        // The problems of each environment are reported when it is applied; here only its tiers count.
        Diagnostics ignored = new Diagnostics();
        String stack = doc.get("blueprint") instanceof YamlNode.Scalar s && s.value() instanceof String name
                ? Quoted.bare(name) : "STACK";
        Map<String, Context> named = new HashMap<>();
        Map<String, String> tierOf = new HashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Context context : contexts) {
            YamlNode.Mapping applied = Environments.apply(doc, context.environment(), ignored).document();
            for (String section : BlueprintBinder.NAMED_SECTIONS) {
                if (!(applied.get(section) instanceof YamlNode.Mapping tiers)) {
                    continue;
                }
                for (String tier : tiers.entries().keySet()) {
                    String name = section + "." + context.prefix() + tier;
                    Context earlier = named.putIfAbsent(name, context);
                    if (earlier != null && earlier != context && reported.add(context.environment())) {
                        diagnostics.error(context.declaredAt(), "name-clash", "environment "
                                + Quoted.of(context.environment()) + " would give " + section + "." + Quoted.bare(tier)
                                + " the AWS names " + section + "." + Quoted.bare(tierOf.get(name)) + " has "
                                + earlier.describe() + " (" + stack + "-" + Quoted.bare(context.prefix() + tier)
                                + "…); rename the environment or one of the tiers");
                    }
                    tierOf.putIfAbsent(name, tier);
                }
            }
        }
    }
}
