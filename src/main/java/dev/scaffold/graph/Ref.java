package dev.scaffold.graph;

/**
 * A value that another resource will have once it exists, e.g. the ALB's ARN for its listener.
 * A {@code Ref} among a spec's attributes is also an edge of the graph.
 *
 * @param address the resource that will hold the value
 * @param attribute the attribute of that resource, e.g. {@code arn} or {@code dnsName}
 */
public record Ref(ResourceAddress address, String attribute) {

    @Override
    public String toString() {
        return "${" + address + "." + attribute + "}";
    }
}
