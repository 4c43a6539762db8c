package dev.scaffold.blueprint;

import java.util.List;

/**
 * Where the tiers run.
 *
 * @param vpcId     {@code null} for the account's default VPC
 * @param subnetIds empty for the default subnets of the VPC
 */
public record Network(String vpcId, List<String> subnetIds) {

    public Network {
        subnetIds = List.copyOf(subnetIds);
    }

    public boolean usesDefaultVpc() {
        return vpcId == null;
    }
}
