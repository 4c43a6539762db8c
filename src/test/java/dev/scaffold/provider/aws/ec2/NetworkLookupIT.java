package dev.scaffold.provider.aws.ec2;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.TestApplyContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;

@ExtendWith(AwsEmulator.class)
class NetworkLookupIT {

    private static final ResourceAddress VPC = ResourceAddress.parse("network.main.vpc");
    private static final ResourceAddress SUBNETS = ResourceAddress.parse("network.main.subnets");

    private static VpcLookup vpcs;
    private static SubnetsLookup subnets;
    private static String defaultVpc;
    private static List<String> defaultSubnets;
    private static String ownVpc;
    private static List<String> ownSubnets;

    private final CountingCalls calls = new CountingCalls();
    private final ReadContext read = new ReadContext(STACK, ENV, calls);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        vpcs = new VpcLookup(aws);
        subnets = new SubnetsLookup(aws);
        defaultVpc = Clients.ec2(aws).describeVpcs().join().vpcs().get(0).vpcId();
        defaultSubnets = Clients.ec2(aws).describeSubnets().join().subnets().stream()
                .map(Subnet::subnetId).sorted().toList();
        ownVpc = Clients.ec2(aws).createVpc(r -> r.cidrBlock("10.20.0.0/16")).join().vpc().vpcId();
        ownSubnets = List.of(
                Clients.ec2(aws).createSubnet(r -> r.vpcId(ownVpc).cidrBlock("10.20.1.0/24").availabilityZone("us-east-1a"))
                        .join().subnet().subnetId(),
                Clients.ec2(aws).createSubnet(r -> r.vpcId(ownVpc).cidrBlock("10.20.2.0/24").availabilityZone("us-east-1b"))
                        .join().subnet().subnetId()).stream().sorted().toList();
    }

    @Test
    void defaultVpcAndItsDefaultSubnetsAreFoundWithOneCallEach() {
        Observed vpc = found(vpcs.read(List.of(), List.of(lookup(VPC, Map.of("vpc", "default"))), read)).get(VPC);
        Observed found = found(subnets.read(List.of(), List.of(lookup(SUBNETS, Map.of("vpc", "default", "subnets", "default"))), read))
                .get(SUBNETS);

        assertThat(vpc.attribute("id")).isEqualTo(defaultVpc);
        assertThat(vpc.attributes()).containsEntry("isDefault", true).containsEntry("vpc", "default");
        assertThat(found.attributes()).containsEntry("subnetIds", defaultSubnets).containsEntry("vpcId", defaultVpc);
        assertThat(calls.counts()).isEqualTo(Map.of("DescribeVpcs", 1, "DescribeSubnets", 1));
    }

    @Test
    void vpcGivenByIdAndAllItsSubnetsAreFound() {
        Observed vpc = found(vpcs.read(List.of(), List.of(lookup(VPC, Map.of("vpc", ownVpc))), read)).get(VPC);
        Observed found = found(subnets.read(List.of(), List.of(lookup(SUBNETS, Map.of("vpc", ownVpc, "subnets", "default"))), read))
                .get(SUBNETS);

        assertThat(vpc.attribute("id")).isEqualTo(ownVpc);
        assertThat(vpc.attributes()).containsEntry("isDefault", false);
        assertThat(found.attributes()).containsEntry("subnetIds", ownSubnets)
                .containsEntry("availabilityZones", List.of("us-east-1a", "us-east-1b"));
    }

    @Test
    void subnetsGivenByIdAreFoundOnlyWhenAllExist() {
        List<String> given = List.of(ownSubnets.get(1), ownSubnets.get(0));
        Observed found = found(subnets.read(List.of(), List.of(lookup(SUBNETS, Map.of("vpc", ownVpc, "subnets", given))), read))
                .get(SUBNETS);
        Map<ResourceAddress, Observed> oneMissing = found(subnets.read(List.of(), List.of(lookup(SUBNETS,
                Map.of("vpc", ownVpc, "subnets", List.of(ownSubnets.get(0), "subnet-0000000000000000")))), read));

        assertThat(found.attributes()).containsEntry("subnetIds", ownSubnets);
        assertThat(oneMissing).isEmpty();
    }

    @Test
    void unknownVpcIsAbsentAndLookupsAreNeverApplied() {
        ResourceSpec missing = lookup(VPC, Map.of("vpc", "vpc-0000000000000000"));

        assertThat(vpcs.read(List.of(), List.of(missing), read)).isEmpty();
        assertThatThrownBy(() -> vpcs.create(ResourceSpec.managed(VPC, Ec2Types.VPC.name(), Map.of(), Map.of()),
                new TestApplyContext(VPC))).isInstanceOf(IllegalStateException.class);
    }

    private static ResourceSpec lookup(ResourceAddress address, Map<String, Object> attributes) {
        String type = address.equals(VPC) ? Ec2Types.VPC.name() : Ec2Types.SUBNETS.name();
        return new ResourceSpec(address, type, Mode.DATA, attributes, Map.of(), Set.of(), Set.of());
    }
}
