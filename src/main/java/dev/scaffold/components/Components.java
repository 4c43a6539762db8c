package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.blueprint.Service;
import dev.scaffold.blueprint.TierName;
import dev.scaffold.graph.ResourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Expands a loaded blueprint into the AWS resources it needs, one component per section. For now
 * the network and the load balancers; the other sections are left for their components to come.
 */
public final class Components {

    private static final Logger LOG = LogManager.getLogger(Components.class);

    private final NetworkComponent network = new NetworkComponent();
    private final LoadBalancerComponent loadBalancers = new LoadBalancerComponent();

    /** The resources of the whole blueprint, in section order and, within one, in the file's order. */
    public List<ResourceSpec> expand(Blueprint blueprint) {
        StackContext stack = StackContext.of(blueprint);
        List<ResourceSpec> specs = new ArrayList<>(network.expand(blueprint.network()));
        for (LoadBalancer lb : blueprint.loadBalancers().values()) {
            specs.addAll(loadBalancers.expand(stack, lb, servicesBehind(blueprint, lb)));
        }
        logIgnored("services", blueprint.services());
        logIgnored("databases", blueprint.databases());
        logIgnored("caches", blueprint.caches());
        logIgnored("cdn", blueprint.cdn());
        logIgnored("backups", blueprint.backups());
        if (blueprint.monitoring() != null) {
            LOG.debug("monitoring is not expanded yet");
        }
        return specs;
    }

    private static List<Service> servicesBehind(Blueprint blueprint, LoadBalancer lb) {
        TierName tier = new TierName(LoadBalancerComponent.TIER, lb.name());
        return blueprint.services().values().stream().filter(s -> tier.equals(s.loadBalancer())).toList();
    }

    private static void logIgnored(String section, Map<String, ?> items) {
        if (!items.isEmpty()) {
            LOG.debug("{} {} not expanded yet: {}", section, items.size() == 1 ? "is" : "are", items.keySet());
        }
    }
}
