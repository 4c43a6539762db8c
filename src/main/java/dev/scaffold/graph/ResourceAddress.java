package dev.scaffold.graph;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable name of one resource scaffold manages: {@code tier.name.resource} with an optional
 * index, e.g. {@code loadBalancers.web.listener-https} or {@code databases.main.replica[1]}.
 *
 * @param tier the blueprint section, e.g. {@code loadBalancers}
 * @param name the item's name in that section, e.g. {@code web}
 * @param resource the resource within the item, e.g. {@code listener-https}
 * @param index the position among resources of the same kind, or -1 when there is only one
 */
public record ResourceAddress(String tier, String name, String resource, int index)
        implements Comparable<ResourceAddress> {

    private static final String PART = "[A-Za-z][A-Za-z0-9_-]*";
    private static final Pattern FORMAT =
            Pattern.compile("(" + PART + ")\\.(" + PART + ")\\.(" + PART + ")(?:\\[(\\d{1,4})])?");

    private static final Comparator<ResourceAddress> ORDER = Comparator
            .comparing(ResourceAddress::tier)
            .thenComparing(ResourceAddress::name)
            .thenComparing(ResourceAddress::resource)
            .thenComparingInt(ResourceAddress::index);

    public ResourceAddress {
        if (!isPart(tier) || !isPart(name) || !isPart(resource) || index < -1) {
            throw new IllegalArgumentException(
                    "not a resource address: " + tier + "." + name + "." + resource + "[" + index + "]");
        }
    }

    public static ResourceAddress of(String tier, String name, String resource) {
        return new ResourceAddress(tier, name, resource, -1);
    }

    /** Parses the form {@link #toString()} writes; throws {@link IllegalArgumentException} otherwise. */
    public static ResourceAddress parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a resource address;"
                    + " expected tier.name.resource or tier.name.resource[N], e.g. loadBalancers.web.alb");
        }
        int index = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
        return new ResourceAddress(m.group(1), m.group(2), m.group(3), index);
    }

    /** Whether this address belongs to the blueprint item {@code tier.name}. */
    public boolean isPartOf(String tier, String name) {
        return this.tier.equals(tier) && this.name.equals(name);
    }

    @Override
    public int compareTo(ResourceAddress other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        String base = tier + "." + name + "." + resource;
        return index < 0 ? base : base + "[" + index + "]";
    }

    private static boolean isPart(String part) {
        return part != null && part.matches(PART);
    }
}
