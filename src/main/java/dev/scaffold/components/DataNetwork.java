package dev.scaffold.components;

import dev.scaffold.blueprint.TierName;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.Ec2Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a data tier (a database, a cache) sits in the network: a subnet group over the network's subnets, and a
 * firewall, a security group in the network's VPC that admits its one port from the servers of the services its
 * {@code allowFrom} names, and from nothing else.
 */
final class DataNetwork {

    private DataNetwork() {
    }

    /** The subnet group at {@code address}, of the service's {@code type}, named after the tier's item. */
    static ResourceSpec subnetGroup(StackContext stack, ResourceAddress address, String type, String description) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.data(stack, address.name(), null));
        attributes.put("description", description);
        attributes.put("subnetIds", NetworkComponent.subnetIds());
        return ResourceSpec.managed(address, type, attributes, stack.tagsFor(address));
    }

    /**
     * The security group at {@code address}, named after the tier's item and {@code role} (e.g. {@code db}).
     *
     * @param allowFrom the services whose servers may connect
     */
    static ResourceSpec securityGroup(StackContext stack, ResourceAddress address, String role, String description,
                                      int port, List<TierName> allowFrom) {
        List<Map<String, Object>> ingress = new ArrayList<>();
        for (TierName service : allowFrom) {
            Map<String, Object> fromService = new LinkedHashMap<>();
            fromService.put("protocol", "tcp");
            fromService.put("fromPort", port);
            fromService.put("toPort", port);
            fromService.put("sourceSecurityGroupId", new Ref(ServiceComponent.securityGroupOf(service.name()), "id"));
            ingress.add(fromService);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.securityGroup(stack, address.name(), role));
        attributes.put("description", description);
        attributes.put("vpcId", NetworkComponent.vpcId());
        attributes.put("ingress", ingress);
        return ResourceSpec.managed(address, Ec2Types.SECURITY_GROUP.name(), attributes, stack.tagsFor(address));
    }
}
