package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.blueprint.Service;
import dev.scaffold.blueprint.TierName;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.graph.Ref;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a loaded blueprint into the AWS resources it needs, one component per section. For now
 * the network and the load balancers; the other sections are reported as not provisioned yet.
 */
public final class Components {

    private final NetworkComponent network = new NetworkComponent();
    private final LoadBalancerComponent loadBalancers = new LoadBalancerComponent();

    /** The resources of the whole blueprint, in section order and, within one, in the file's order. */
    public List<ResourceSpec> expand(Blueprint blueprint) {
        return expansion(blueprint).resources();
    }

    /** The resources of the whole blueprint with its outputs and notices about what is not provisioned yet. */
    public Expansion expansion(Blueprint blueprint) {
        StackContext stack = StackContext.of(blueprint);
        List<ResourceSpec> specs = new ArrayList<>(network.expand(blueprint.network()));
        Map<String, Ref> outputs = new LinkedHashMap<>();
        List<String> notices = new ArrayList<>();
        for (LoadBalancer lb : blueprint.loadBalancers().values()) {
            specs.addAll(loadBalancers.expand(stack, lb, servicesBehind(blueprint, lb)));
            outputs.putAll(loadBalancers.outputs(lb));
            if (lb.rateLimit() != null) {
                notices.add(LoadBalancerComponent.TIER + "." + lb.name()
                        + ".rateLimit is not applied yet: the WAF web ACL comes in a later version");
            }
        }
        notYetProvisioned("services", blueprint.services(), notices);
        notYetProvisioned("databases", blueprint.databases(), notices);
        notYetProvisioned("caches", blueprint.caches(), notices);
        notYetProvisioned("cdn", blueprint.cdn(), notices);
        notYetProvisioned("backups", blueprint.backups(), notices);
        if (blueprint.monitoring() != null) {
            notices.add("monitoring is validated but not provisioned yet");
        }
        return new Expansion(specs, outputs, notices);
    }

    private static List<Service> servicesBehind(Blueprint blueprint, LoadBalancer lb) {
        TierName tier = new TierName(LoadBalancerComponent.TIER, lb.name());
        return blueprint.services().values().stream().filter(s -> tier.equals(s.loadBalancer())).toList();
    }

    private static void notYetProvisioned(String section, Map<String, ?> items, List<String> notices) {
        if (!items.isEmpty()) {
            notices.add(section + " (" + String.join(", ", items.keySet())
                    + ") validated but not provisioned yet: scaffold provisions network and loadBalancers today");
        }
    }
}
