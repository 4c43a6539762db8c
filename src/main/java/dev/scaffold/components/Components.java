package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.ResourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a loaded blueprint into the AWS resources it needs, one {@link SectionComponent} per section,
 * in the order of {@link #SECTIONS}. A tier section the blueprint fills that no component expands yet is
 * reported as validated but not provisioned.
 */
public final class Components {

    /** Every section scaffold provisions; a new section is one class and one line here. */
    private static final List<SectionComponent> SECTIONS = List.of(
            new NetworkComponent(),
            new StackKeyComponent(),
            new LoadBalancerComponent(),
            new ServiceComponent(),
            new DatabaseComponent(),
            new CacheComponent(),
            new QueueComponent());

    /** The resources of the whole blueprint, in section order and, within one, in the file's order. */
    public List<ResourceSpec> expand(Blueprint blueprint) {
        return expansion(blueprint).resources();
    }

    /** The resources of the whole blueprint with its outputs and notices about what is not provisioned yet. */
    public Expansion expansion(Blueprint blueprint) {
        StackContext stack = StackContext.of(blueprint);
        Map<String, Object> outputs = new LinkedHashMap<>();
        SECTIONS.forEach(component -> outputs.putAll(component.outputs(stack, blueprint)));
        TierValues values = new TierValues(outputs);
        List<ResourceSpec> specs = new ArrayList<>();
        SECTIONS.forEach(component -> specs.addAll(component.expand(stack, blueprint, values)));
        List<String> notices = notices(blueprint);
        notices.addAll(values.notices());
        return new Expansion(specs, outputs, notices);
    }

    private static List<String> notices(Blueprint blueprint) {
        List<String> provisioned = SECTIONS.stream().map(SectionComponent::section)
                .filter(Blueprint.TIER_SECTIONS::contains).toList();
        List<String> notices = new ArrayList<>();
        blueprint.sections().forEach((section, entries) -> {
            if (!provisioned.contains(section)) {
                notices.add(section + (entries.isEmpty() ? "" : " (" + String.join(", ", entries) + ")")
                        + " validated but not provisioned yet: scaffold provisions " + inWords(provisioned)
                        + " today");
            }
        });
        return notices;
    }

    /** "network, loadBalancers and services". */
    private static String inWords(List<String> sections) {
        int last = sections.size() - 1;
        return last < 1 ? String.join("", sections)
                : String.join(", ", sections.subList(0, last)) + " and " + sections.get(last);
    }
}
