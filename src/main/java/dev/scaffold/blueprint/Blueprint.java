package dev.scaffold.blueprint;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded blueprint: imports merged, the environment applied, variables resolved, every default filled in.
 * Maps keep the order of the file.
 *
 * @param environment the environment merged over the document, {@code null} for none
 * @param production  true when the environment says {@code production: true}; stricter policy applies
 * @param monitoring  {@code null} when the blueprint has no monitoring section
 * @param file        the main blueprint file, as given
 * @param unknownVariables the variables that were given no value, in a load that allows it
 *     ({@link LoadRequest#unknownValues}): where used they stand as the text {@code ${var.NAME}}
 * @param warnings    what the load found that does not stop it, e.g. where an unknown value was used
 */
public record Blueprint(
        String name,
        String region,
        Map<String, String> tags,
        String environment,
        boolean production,
        Map<String, Variable> variables,
        Network network,
        Map<String, LoadBalancer> loadBalancers,
        Map<String, Service> services,
        Map<String, Database> databases,
        Map<String, Cache> caches,
        Map<String, Queue> queues,
        Map<String, Cdn> cdn,
        Map<String, Backup> backups,
        Monitoring monitoring,
        Policy policy,
        StateBackend state,
        List<Move> moved,
        Path file,
        List<String> unknownVariables,
        List<Diagnostic> warnings) {

    /** The sections of tiers, in the format's order. */
    public static final List<String> TIER_SECTIONS = List.of("loadBalancers", "services", "databases", "caches",
            "queues", "cdn", "backups", "monitoring");

    /**
     * The tier sections the blueprint fills, in the format's order, each with the names of its entries
     * ({@code monitoring}, one settings block, has none).
     */
    public Map<String, List<String>> sections() {
        Map<String, List<String>> filled = new LinkedHashMap<>();
        Map<String, Map<String, ?>> tiers = new LinkedHashMap<>();
        tiers.put("loadBalancers", loadBalancers);
        tiers.put("services", services);
        tiers.put("databases", databases);
        tiers.put("caches", caches);
        tiers.put("queues", queues);
        tiers.put("cdn", cdn);
        tiers.put("backups", backups);
        tiers.forEach((section, entries) -> {
            if (!entries.isEmpty()) {
                filled.put(section, List.copyOf(entries.keySet()));
            }
        });
        if (monitoring != null) {
            filled.put("monitoring", List.of());
        }
        return filled;
    }

    public Blueprint {
        tags = Ordered.copy(tags);
        variables = Ordered.copy(variables);
        loadBalancers = Ordered.copy(loadBalancers);
        services = Ordered.copy(services);
        databases = Ordered.copy(databases);
        caches = Ordered.copy(caches);
        queues = Ordered.copy(queues);
        cdn = Ordered.copy(cdn);
        backups = Ordered.copy(backups);
        moved = List.copyOf(moved);
        unknownVariables = List.copyOf(unknownVariables);
        warnings = List.copyOf(warnings);
    }

    /** A blueprint whose every variable has a value, loaded without warnings. */
    public Blueprint(String name, String region, Map<String, String> tags, String environment, boolean production,
                     Map<String, Variable> variables, Network network, Map<String, LoadBalancer> loadBalancers,
                     Map<String, Service> services, Map<String, Database> databases, Map<String, Cache> caches,
                     Map<String, Queue> queues, Map<String, Cdn> cdn, Map<String, Backup> backups, Monitoring monitoring,
                     Policy policy, StateBackend state, List<Move> moved, Path file) {
        this(name, region, tags, environment, production, variables, network, loadBalancers, services, databases,
                caches, queues, cdn, backups, monitoring, policy, state, moved, file, List.of(), List.of());
    }

    /** As above, without queues. */
    public Blueprint(String name, String region, Map<String, String> tags, String environment, boolean production,
                     Map<String, Variable> variables, Network network, Map<String, LoadBalancer> loadBalancers,
                     Map<String, Service> services, Map<String, Database> databases, Map<String, Cache> caches,
                     Map<String, Cdn> cdn, Map<String, Backup> backups, Monitoring monitoring, Policy policy,
                     StateBackend state, List<Move> moved, Path file) {
        this(name, region, tags, environment, production, variables, network, loadBalancers, services, databases,
                caches, Map.of(), cdn, backups, monitoring, policy, state, moved, file);
    }

    /** The same blueprint with what else its load found: variables without a value, and warnings. */
    Blueprint withLoadFindings(List<String> unknown, List<Diagnostic> found) {
        return new Blueprint(name, region, tags, environment, production, variables, network, loadBalancers, services,
                databases, caches, queues, cdn, backups, monitoring, policy, state, moved, file, unknown, found);
    }

    /**
     * The values that must never print: those of the variables declared sensitive and of those whose
     * values were made from one (a default such as {@code "Bearer ${var.token}"}), empty ones left out.
     * Each is a String, Long, Double, Boolean, List or Map, as the variable's type says.
     */
    public List<Object> sensitiveValues() {
        return variables.values().stream().filter(Variable::sensitive).map(Variable::value)
                .filter(value -> !isEmpty(value)).toList();
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> list && list.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
    }
}
