package dev.scaffold.graph;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value that another resource will have once it exists, e.g. the ALB's ARN for its listener.
 * A {@code Ref} among a spec's attributes is also an edge of the graph.
 *
 * <p>An attribute named {@code LIST[i]} is element {@code i} of the list attribute {@code LIST}, counted around
 * the list ({@code i} modulo its size), so that any number of resources spread over a list of any length: read
 * replicas over the availability zones of the network's subnets, say ({@link #spread}).
 *
 * @param address the resource that will hold the value
 * @param attribute the attribute of that resource, e.g. {@code arn} or {@code dnsName}
 */
public record Ref(ResourceAddress address, String attribute) {

    private static final Pattern ELEMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\[(\\d{1,4})]");

    /** Element {@code index} of the list attribute {@code list}, counted around the list. */
    public static Ref spread(ResourceAddress address, String list, int index) {
        return new Ref(address, list + "[" + index + "]");
    }

    /**
     * The value of {@code attribute} among {@code attributes}: the attribute itself, or for {@code LIST[i]} the
     * element of the list it names, counted around; {@code null} when there is none.
     */
    public static Object valueIn(Map<String, Object> attributes, String attribute) {
        Object value = attributes.get(attribute);
        Matcher element = ELEMENT.matcher(attribute);
        if (value != null || !element.matches()) {
            return value;
        }
        return attributes.get(element.group(1)) instanceof List<?> list && !list.isEmpty()
                ? list.get(Integer.parseInt(element.group(2)) % list.size()) : null;
    }

    @Override
    public String toString() {
        return "${" + address + "." + attribute + "}";
    }
}
