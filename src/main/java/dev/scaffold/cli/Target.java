package dev.scaffold.cli;

import dev.scaffold.graph.ResourceAddress;
import java.util.regex.Pattern;

/**
 * What one {@code --target} names: one resource ({@code loadBalancers.web.alb}) or a whole entry of a
 * tier ({@code loadBalancers.web}), which stands for every resource the entry expands to.
 *
 * @param text as the user wrote it
 * @param tier the blueprint section
 * @param name the entry in that section
 * @param resource the one resource, or {@code null} for the whole entry
 */
record Target(String text, String tier, String name, ResourceAddress resource) {

    private static final Pattern ENTRY = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\.([A-Za-z][A-Za-z0-9_-]*)");

    /** Parses either form; throws {@link IllegalArgumentException} with the forms allowed otherwise. */
    static Target parse(String text) {
        String trimmed = text.strip();
        var entry = ENTRY.matcher(trimmed);
        if (entry.matches()) {
            return new Target(trimmed, entry.group(1), entry.group(2), null);
        }
        try {
            ResourceAddress address = ResourceAddress.parse(trimmed);
            return new Target(trimmed, address.tier(), address.name(), address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a tier entry (tier.name, e.g."
                    + " loadBalancers.web) nor a resource address (tier.name.resource, e.g. loadBalancers.web.alb)");
        }
    }

    /** Whether this target takes in the resource at {@code address}, an old object of a replaced one included. */
    boolean selects(ResourceAddress address) {
        if (resource != null) {
            return address.equals(resource) || address.current().equals(resource);
        }
        return address.tier().equals(tier) && address.name().equals(name);
    }

    /** Whether the target is one resource, not a whole entry. */
    boolean isResource() {
        return resource != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
