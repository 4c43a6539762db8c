package dev.scaffold.state;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource as AWS reports it: its identity and the attributes scaffold compares and exposes.
 *
 * @param address the scaffold address, from the state or from the resource's {@code scaffold:address} tag
 * @param type the CloudFormation type name
 * @param physicalId the identifier AWS knows it by (an id, a name or an ARN)
 * @param arn its ARN, or {@code null} for types without one
 * @param attributes attributes in the same vocabulary as the desired {@code ResourceSpec}, plus
 *     read-only ones that refs may name (e.g. {@code dnsName})
 * @param tags the tags it carries
 */
public record Observed(
        ResourceAddress address,
        String type,
        String physicalId,
        String arn,
        Map<String, Object> attributes,
        Map<String, String> tags) {

    public Observed {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A resource as the state recorded it, with the tags it is taken to carry (the state keeps none). */
    public static Observed of(ResourceState recorded, Map<String, String> tags) {
        return new Observed(recorded.address(), recorded.type(), recorded.physicalId(), recorded.arn(),
                recorded.attributes(), tags);
    }

    /** The same resource under another address, e.g. the state's, or a deposed one. */
    public Observed withAddress(ResourceAddress newAddress) {
        return new Observed(newAddress, type, physicalId, arn, attributes, tags);
    }

    /** The value of one attribute, the identity ones ({@code id}, {@code arn}) included. */
    public Object attribute(String name) {
        return switch (name) {
            case "id" -> physicalId;
            case "arn" -> arn;
            default -> Ref.valueIn(attributes, name);
        };
    }
}
