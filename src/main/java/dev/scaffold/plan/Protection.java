package dev.scaffold.plan;

import dev.scaffold.graph.ResourceAddress;

/**
 * A resource the plan would delete (a delete, or the old half of a replace) whose deletion protection
 * is on: apply and destroy refuse the plan before any change, and the plan says what to turn off.
 *
 * @param address the protected resource
 * @param type its CloudFormation type
 * @param attribute the attribute that protects it, e.g. {@code deletionProtection}
 */
public record Protection(ResourceAddress address, String type, String attribute) {
}
