package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;

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
}
