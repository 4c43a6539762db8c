package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.schema.StackTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every component needs to know about the stack it expands: its name, environment, whether
 * it is production, and the blueprint's tags.
 *
 * @param stack the blueprint's name, the {@code scaffold:stack} tag
 * @param environment the environment's name, or {@link StackTags#DEFAULT_ENVIRONMENT} when none was chosen
 * @param production whether the environment is production (deletion protection on, stricter policy)
 * @param tags the blueprint's own tags, put on every resource
 */
public record StackContext(String stack, String environment, boolean production, Map<String, String> tags) {

    public StackContext {
        environment = StackTags.environment(environment);
        tags = Map.copyOf(tags);
    }

    /** The context of a loaded blueprint. */
    public static StackContext of(Blueprint blueprint) {
        return new StackContext(blueprint.name(), blueprint.environment(), blueprint.production(), blueprint.tags());
    }

    /** The tags of one resource: the blueprint's, then scaffold's own, which a blueprint cannot override. */
    public Map<String, String> tagsFor(ResourceAddress address) {
        Map<String, String> all = new LinkedHashMap<>(new TreeMap<>(tags));
        all.put(StackTags.STACK, stack);
        all.put(StackTags.ENVIRONMENT, environment);
        all.put(StackTags.ADDRESS, address.toString());
        return all;
    }
}
