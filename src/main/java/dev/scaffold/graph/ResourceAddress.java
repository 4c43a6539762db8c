package dev.scaffold.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
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

    /** Joins a resource and the key of a superseded object of it; components never name resources so. */
    private static final String DEPOSED = "--deposed-";
    private static final int DEPOSED_KEY_BYTES = 4;

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

    /**
     * The address under which the state keeps an old object of this resource that a
     * create-before-destroy replace has superseded, until it is deleted, e.g.
     * {@code loadBalancers.web.target-group--deposed-3f9a1c2b}. The key, a digest of the old
     * object's physical id, tells several old objects of one resource apart.
     */
    public ResourceAddress deposed(String physicalId) {
        return new ResourceAddress(tier, name, resource + DEPOSED + deposedKey(physicalId), index);
    }

    /** Whether this address holds a superseded object, see {@link #deposed}. */
    public boolean isDeposed() {
        return resource.contains(DEPOSED);
    }

    /** The resource a deposed address keeps an old object of; this address when it is not deposed. */
    public ResourceAddress current() {
        int at = resource.indexOf(DEPOSED);
        return at < 0 ? this : new ResourceAddress(tier, name, resource.substring(0, at), index);
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

    private static String deposedKey(String physicalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(physicalId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, DEPOSED_KEY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean isPart(String part) {
        return part != null && part.matches(PART);
    }
}
