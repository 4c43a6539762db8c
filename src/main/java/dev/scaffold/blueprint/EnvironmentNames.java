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

    /** One stack of the blueprint: no environment ({@code null}) or one, with where it is declared and its changes. */
    private record Context(String environment, Origin declaredAt, YamlNode.Mapping overlay) {
        String prefix() {
            return environment == null ? "" : environment + "-";
        }

        String describe() {
            return environment == null ? "without an environment" : "in environment " + Quoted.of(environment);
        }
    }

    /** The first tier, and its stack, to be given one AWS name. */
    private record Claim(Context context, String tier) {}

    /** Reports every environment whose names clash with those of no environment or of an earlier environment. */
    static void check(YamlNode.Mapping doc, Diagnostics diagnostics) {
        if (!(doc.get("environments") instanceof YamlNode.Mapping environments)) {
            return;
        }
        List<Context> contexts = new ArrayList<>();
        contexts.add(new Context(null, doc.origin(), null));
        for (YamlNode.Entry e : environments.entries().values()) {
            if (BindContext.TIER_NAME.matcher(e.key()).matches() && !e.key().equals(Environments.NO_ENVIRONMENT)
                    && e.value() instanceof YamlNode.Mapping overlay) {
                contexts.add(new Context(e.key(), e.keyOrigin(), overlay));
            }
        }
        String stack = doc.get("blueprint") instanceof YamlNode.Scalar s && s.value() instanceof String name
                ? Quoted.bare(name) : "STACK";
        Map<String, Claim> claims = new HashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Context context : contexts) {
            for (String section : BlueprintBinder.NAMED_SECTIONS) {
                for (String tier : tiers(doc, context.overlay(), section)) {
                    String name = section + "." + context.prefix() + tier;
                    // A context names each tier once, so an earlier claim is another context's.
                    Claim earlier = claims.putIfAbsent(name, new Claim(context, tier));
                    if (earlier != null && reported.add(context.environment())) {
                        diagnostics.error(context.declaredAt(), "name-clash", "environment "
                                + Quoted.of(context.environment()) + " would give " + section + "." + Quoted.bare(tier)
                                + " the AWS names " + section + "." + Quoted.bare(earlier.tier()) + " has "
                                + earlier.context().describe()
                                + " (" + stack + "-" + Quoted.bare(context.prefix() + tier)
                                + "…); rename the environment or one of the tiers");
                    }
                }
            }
        }
    }

    /**
     * The tiers of {@code section} once {@code overlay} ({@code null} for no environment) is applied, in the order
     * {@link Environments#apply} leaves them, without merging the whole document for their names: an overlay's
     * mapping adds its tiers after the document's, and a list or scalar replaces the section.
     */
    private static Set<String> tiers(YamlNode.Mapping doc, YamlNode.Mapping overlay, String section) {
        YamlNode changed = overlay == null ? null : overlay.get(section);
        if (changed != null && !(changed instanceof YamlNode.Mapping)) {
            return Set.of();
        }
        Set<String> tiers = new LinkedHashSet<>();
        if (doc.get(section) instanceof YamlNode.Mapping written) {
            tiers.addAll(written.entries().keySet());
        }
        if (changed instanceof YamlNode.Mapping c) {
            tiers.addAll(c.entries().keySet());
        }
        return tiers;
    }
}
