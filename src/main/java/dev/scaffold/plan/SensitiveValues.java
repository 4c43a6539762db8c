package dev.scaffold.plan;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps sensitive values out of files: what the state and saved plans hold in place of a sensitive
 * or write-only attribute is a digest of its value, enough to tell whether it changed and nothing more.
 */
public final class SensitiveValues {

    /** How a digest in place of a value begins. */
    public static final String PREFIX = "sha256:";

    private SensitiveValues() {
    }

    /** The digest of a value: the same value always gives the same digest, whatever its Java types. */
    public static String digest(Object value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(value).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether a recorded value is a digest rather than a value. */
    public static boolean isDigest(Object recorded) {
        return recorded instanceof String s && s.startsWith(PREFIX) && s.length() == PREFIX.length() + 64;
    }

    /**
     * The attributes with every sensitive one (by the type's schema or by name in {@code alsoSensitive})
     * replaced by its digest; a value that is a digest already stays as it is.
     */
    public static Map<String, Object> masked(ResourceType type, Set<String> alsoSensitive, Map<String, Object> attributes) {
        Map<String, Object> masked = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            boolean sensitive = type.attribute(name).sensitive() || alsoSensitive.contains(name);
            masked.put(name, sensitive && value != null && !isDigest(value) ? digest(value) : value);
        });
        return masked;
    }

    /**
     * The plan with every sensitive value that a saved plan holds only as a digest filled in again
     * from the blueprint's resources; a value the blueprint no longer gives is refused.
     *
     * @param graph the blueprint's resources, as loaded for the apply
     * @throws ScaffoldException when the blueprint now gives another value than the plan was made with
     */
    public static Plan restored(Plan plan, DesiredGraph graph) {
        List<ResourceChange> changes = new ArrayList<>();
        for (ResourceChange change : plan.changes()) {
            changes.add(change.desired() == null ? change : restored(change, graph));
        }
        return new Plan(plan.formatVersion(), plan.mode(), plan.stack(), plan.environment(), plan.lineage(),
                plan.serial(), plan.region(), plan.accountId(), plan.blueprintDigest(), changes, plan.foreign(),
                plan.protectedDeletes());
    }

    private static ResourceChange restored(ResourceChange change, DesiredGraph graph) {
        ResourceSpec desired = change.desired();
        Map<String, Object> attributes = new LinkedHashMap<>(desired.attributes());
        boolean any = false;
        for (String name : desired.sensitive()) {
            Object saved = attributes.get(name);
            if (!isDigest(saved)) {
                continue;
            }
            Object given = graph.get(change.address()).map(spec -> spec.attributes().get(name)).orElse(null);
            if (given == null || !(ValueComparison.containsRef(given) || saved.equals(digest(given)))) {
                throw ScaffoldException.failure("the saved plan was made with another value of the sensitive "
                        + change.address() + "." + name + " than the blueprint gives now; give the sensitive"
                        + " variables the values they had at plan time, or make the plan again");
            }
            attributes.put(name, given);
            any = true;
        }
        return any ? new ResourceChange(change.address(), change.type(), change.action(),
                desired.withAttributes(attributes), change.prior(), change.changes(), change.replaceReasons(),
                change.dependencies(), change.standing()) : change;
    }

    // Numbers by value, maps sorted by key, so the blueprint's and the SDK's types digest alike.
    private static String canonical(Object value) {
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(SensitiveValues::canonical).toList().toString();
        }
        return String.valueOf(value);
    }
}
