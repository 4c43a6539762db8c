package dev.scaffold.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.graph.ResourceAddress;
import java.util.List;

/**
 * A resource tagged with this stack and environment that belongs to another state (another
 * lineage, e.g. a second checkout of the same blueprint): a plan lists it, and no run adopts,
 * changes or deletes it.
 *
 * @param address the address its {@code scaffold:address} tag names
 * @param type its CloudFormation type
 * @param physicalId the id AWS knows it by
 * @param lineage its {@code scaffold:lineage} tag, or {@code null} when it has none
 */
public record ForeignResource(ResourceAddress address, String type, String physicalId, String lineage) {

    /** Writes {@code resources} into {@code into} as both plan documents give them: address, type, physicalId, lineage. */
    public static void writeAll(List<ForeignResource> resources, ArrayNode into) {
        for (ForeignResource resource : resources) {
            ObjectNode node = into.addObject();
            node.put("address", resource.address().toString());
            node.put("type", resource.type());
            node.put("physicalId", resource.physicalId());
            node.put("lineage", resource.lineage());
        }
    }
}
