package dev.scaffold.provider.aws;

import dev.scaffold.plan.AttributeChange;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attribute changes a plan made for one update, as a handler asks about them: which attributes
 * change, and what to do to the tags. A handler makes exactly these changes; it does not diff again.
 *
 * @param changes the plan's attribute changes; tags are named {@code tags.KEY}
 */
public record Planned(List<AttributeChange> changes) {

    public Planned {
        changes = List.copyOf(changes);
    }

    /** Whether the plan changes this attribute. */
    public boolean changes(String attribute) {
        return changes.stream().anyMatch(change -> change.name().equals(attribute));
    }

    /** Whether the plan changes any of these attributes. */
    public boolean changesAny(Collection<String> attributes) {
        return attributes.stream().anyMatch(this::changes);
    }

    /** The planned changes' attribute names among {@code attributes}. */
    public List<String> among(Collection<String> attributes) {
        return attributes.stream().filter(this::changes).toList();
    }

    /** The planned old value of an attribute, or {@code null}. */
    public Object before(String attribute) {
        return changes.stream().filter(change -> change.name().equals(attribute))
                .map(AttributeChange::before).findFirst().orElse(null);
    }

    /** The tags to set and remove. */
    public TagChanges tags() {
        Map<String, String> toSet = new LinkedHashMap<>();
        Set<String> toRemove = new TreeSet<>();
        for (AttributeChange change : changes) {
            String key = change.tagKey();
            if (key != null) {
                if (change.after() == null) {
                    toRemove.add(key);
                } else {
                    toSet.put(key, String.valueOf(change.after()));
                }
            }
        }
        return new TagChanges(toSet, toRemove);
    }
}
