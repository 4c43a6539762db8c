package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.Network;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.Ec2Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands the blueprint's {@code network} section into two lookups the other tiers refer to: the
 * VPC ({@code network.main.vpc}) and the subnets to spread over ({@code network.main.subnets}).
 * scaffold does not create networks; it uses the default VPC or the one named.
 */
public final class NetworkComponent implements SectionComponent {

    public static final ResourceAddress VPC = ResourceAddress.of("network", "main", "vpc");
    public static final ResourceAddress SUBNETS = ResourceAddress.of("network", "main", "subnets");

    /** The VPC's id, for resources that live in it. */
    public static Ref vpcId() {
        return new Ref(VPC, "id");
    }

    /** The sorted subnet ids, for resources spread over them. */
    public static Ref subnetIds() {
        return new Ref(SUBNETS, "subnetIds");
    }

    @Override
    public String section() {
        return "network";
    }

    @Override
    public List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values) {
        return expand(blueprint.network());
    }

    /** The two lookups; a {@code null} network means the default VPC and its default subnets. */
    public List<ResourceSpec> expand(Network network) {
        Object vpc = network == null || network.vpcId() == null ? Ec2Types.DEFAULT_SELECTOR : network.vpcId();
        Object subnets = network == null || network.subnetIds().isEmpty() ? Ec2Types.DEFAULT_SELECTOR : network.subnetIds();
        Map<String, Object> subnetLookup = new LinkedHashMap<>();
        subnetLookup.put("vpc", vpc);
        subnetLookup.put("subnets", subnets);
        return List.of(
                lookup(VPC, Ec2Types.VPC.name(), Map.of("vpc", vpc)),
                lookup(SUBNETS, Ec2Types.SUBNETS.name(), subnetLookup));
    }

    private static ResourceSpec lookup(ResourceAddress address, String type, Map<String, Object> attributes) {
        return new ResourceSpec(address, type, Mode.DATA, attributes, Map.of(), Set.of(), Set.of());
    }
}
