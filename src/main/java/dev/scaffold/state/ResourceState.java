package dev.scaffold.state;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the state remembers of one resource scaffold manages.
 *
 * @param address its scaffold address
 * @param type its CloudFormation type
 * @param physicalId the identifier AWS knows it by
 * @param arn its ARN, or {@code null}
 * @param attributes its attributes as last applied or read
 * @param dependencies the resources it depended on when applied, so a delete runs in reverse order
 * @param status whether it is sound or tainted
 */
public record ResourceState(
        ResourceAddress address,
        String type,
        String physicalId,
        String arn,
        Map<String, Object> attributes,
        Set<ResourceAddress> dependencies,
        ResourceStatus status) {

    public ResourceState {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        dependencies = Collections.unmodifiableSet(new TreeSet<>(dependencies));
    }

    /** The value of one attribute, the identity ones ({@code id}, {@code arn}) included; {@code null} if unknown. */
    public Object attribute(String name) {
        return switch (name) {
            case "id" -> physicalId;
            case "arn" -> arn;
            default -> Ref.valueIn(attributes, name);
        };
    }

    public ResourceState withStatus(ResourceStatus newStatus) {
        return new ResourceState(address, type, physicalId, arn, attributes, dependencies, newStatus);
    }
}
