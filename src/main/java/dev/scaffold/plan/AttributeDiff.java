package dev.scaffold.plan;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.AttributeSchema;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The attribute changes of one resource: every attribute and tag a create sets, or, for a resource
 * that exists, those whose desired value differs from what AWS reports, compared as the type's schema
 * says (ignoring order, by digest for write-only values, not at all for computed ones).
 */
final class AttributeDiff {

    /** Tags whose keys AWS reserves; scaffold can neither set nor remove them. */
    private static final String AWS_TAG_PREFIX = "aws:";

    private final SensitiveValues digests;

    /** @param digests the digests of the state the plan is made against */
    AttributeDiff(SensitiveValues digests) {
        this.digests = digests;
    }

    /** Every attribute and tag of a resource to create, as set from nothing. */
    List<AttributeChange> creation(ResourceSpec spec, ResourceType type) {
        List<AttributeChange> changes = new ArrayList<>();
        spec.attributes().forEach((name, value) ->
                changes.add(new AttributeChange(name, null, value, false, isSensitive(spec, type, name))));
        if (type.taggable()) {
            new TreeMap<>(spec.tags()).forEach((key, value) -> changes.add(
                    new AttributeChange(AttributeChange.tagName(key), null, value, false, spec.sensitiveTag(key))));
        }
        return changes;
    }

    /**
     * The attributes and tags of an existing resource that the plan changes.
     *
     * @param prior what the state recorded of it, or {@code null} for a resource it does not know
     */
    List<AttributeChange> compare(ResourceSpec spec, Observed observed, ResourceState prior, ResourceType type) {
        List<AttributeChange> changes = new ArrayList<>();
        spec.attributes().forEach((name, after) -> {
            AttributeSchema schema = type.attribute(name);
            if (schema.computed()) {
                return;
            }
            Object before = schema.writeOnly() ? recorded(prior, name) : observed.attributes().get(name);
            if (!ValueComparison.containsRef(after) && schema.isMetBy(after, before)) {
                return;
            }
            if (ValueComparison.containsRef(after) || !same(schema, before, after)) {
                boolean forces = schema.forcesReplace(before, after);
                // What the state holds only as a digest was sensitive when written, whatever the blueprint says now.
                boolean sensitive = isSensitive(spec, type, name) || SensitiveValues.isDigest(recorded(prior, name));
                changes.add(new AttributeChange(name, before, after, forces, sensitive));
            }
        });
        if (!type.taggable()) {
            return changes;
        }
        Set<String> tagKeys = new TreeSet<>(spec.tags().keySet());
        observed.tags().keySet().stream().filter(k -> !k.startsWith(AWS_TAG_PREFIX)).forEach(tagKeys::add);
        for (String key : tagKeys) {
            String before = observed.tags().get(key);
            String after = spec.tags().get(key);
            if (!Objects.equals(before, after)) {
                changes.add(new AttributeChange(AttributeChange.tagName(key), before, after, false,
                        spec.sensitiveTag(key)));
            }
        }
        return changes;
    }

    // A write-only value is compared by digest with what the state recorded, as AWS never returns it; so is a
    // value known only from the state (a plan without refresh), which holds sensitive ones as digests.
    private boolean same(AttributeSchema schema, Object before, Object after) {
        if (schema.writeOnly() || SensitiveValues.isDigest(before)) {
            return digests.matches(before, after);
        }
        return schema.unordered() ? ValueComparison.sameIgnoringOrder(before, after)
                : ValueComparison.same(before, after);
    }

    private static Object recorded(ResourceState prior, String name) {
        return prior == null ? null : prior.attributes().get(name);
    }

    private static boolean isSensitive(ResourceSpec spec, ResourceType type, String name) {
        return type.attribute(name).sensitive() || spec.sensitive().contains(name);
    }
}
