package dev.scaffold.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.graph.ResourceAddress;
import java.util.List;

/**
 * A resource in AWS that this state does not own but that stands where the plan's resources do: one
 * tagged with this stack and environment that belongs to another state (another lineage, e.g. a second
 * checkout of the same blueprint), or one found by the name a resource of the plan takes (another
 * stack's, or one scaffold did not make). A plan lists it, and no run adopts, changes or deletes it.
 *
 * @param address the address its {@code scaffold:address} tag names, or the address of the plan's
 *     resource whose name it has
 * @param type its CloudFormation type
 * @param physicalId the id AWS knows it by
 * @param lineage its {@code scaffold:lineage} tag, or {@code null} when it has none
 * @param stack its {@code scaffold:stack} tag, or {@code null} when it has none
 */
public record ForeignResource(ResourceAddress address, String type, String physicalId, String lineage, String stack) {

    /** Whose it is, in words: {@code lineage L}, {@code stack S, lineage L}, or {@code not made by scaffold}. */
    public String owner(String planStack) {
        if (stack == null && lineage == null) {
            return "not made by scaffold";
        }
        String lineageText = "lineage " + (lineage == null ? "none" : lineage);
        return stack == null || stack.equals(planStack) ? lineageText : "stack " + stack + ", " + lineageText;
    }

    /** Writes {@code resources} into {@code into} as both plan documents give them: address, type, physicalId, lineage, stack. */
    public static void writeAll(List<ForeignResource> resources, ArrayNode into) {
        for (ForeignResource resource : resources) {
            ObjectNode node = into.addObject();
            node.put("address", resource.address().toString());
            node.put("type", resource.type());
            node.put("physicalId", resource.physicalId());
            node.put("lineage", resource.lineage());
            node.put("stack", resource.stack());
        }
    }
}
