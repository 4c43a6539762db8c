package dev.scaffold.components;

import dev.scaffold.graph.ResourceSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a blueprint expands to: its resources, the values other tiers and {@code scaffold output}
 * may name, and what the user should know about parts not provisioned.
 *
 * @param resources the resources, in section order
 * @param outputs tier attributes such as {@code loadBalancers.web.dnsName}, each a ref to the resource holding it
 *     or a list of such refs ({@code databases.main.readerEndpoints})
 * @param notices one line each about blueprint parts that are validated but not provisioned yet
 */
public record Expansion(List<ResourceSpec> resources, Map<String, Object> outputs, List<String> notices) {

    public Expansion {
        resources = List.copyOf(resources);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        notices = List.copyOf(notices);
    }
}
