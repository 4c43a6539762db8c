package dev.scaffold.provider.aws.rds;

import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.rds.ScriptedRds.Call;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.ScriptedHttpClient;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A subnet group's update as AWS answers it, which the emulator cannot show ({@link EmulatorGaps#RDS_MODIFY_SUBNET_GROUP_DROPS_IT}):
 * replayed by a scripted HTTP client that records the requests.
 */
class SubnetGroupUpdateTest {

    private static final ResourceAddress ADDRESS = ResourceAddress.of("databases", "main", "subnet-group");
    private static final String ARN = "arn:aws:rds:us-east-1:123456789012:subgrp:shop-main";
    private static final List<String> TWO = List.of("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788");
    private static final List<String> THREE = List.of("subnet-0a1b2c3d4e5f60718", "subnet-0c2d4e6f8a0b1c3d5",
            "subnet-0f1e2d3c4b5a69788");

    @Test
    void newSubnetsAreOneModifyWithEverySubnetAndNoDescription() {
        ScriptedHttpClient rds = new ScriptedHttpClient()
                .answer("ModifyDBSubnetGroup", "/aws-answers/rds/modify-db-subnet-group.xml");

        update(rds, group("The subnets of the database shop-main", TWO), group("The subnets of the database shop-main", THREE));

        Map<String, String> parameters = new TreeMap<>();
        parameters.put("DBSubnetGroupName", "shop-main");
        for (int i = 0; i < THREE.size(); i++) {
            parameters.put("SubnetIds.SubnetIdentifier." + (i + 1), THREE.get(i));
        }
        assertThat(ScriptedRds.calls(rds)).containsExactly(new Call("ModifyDBSubnetGroup", parameters));
    }

    @Test
    void aNewDescriptionIsSentWithTheSubnetsThatTheCallNeeds() {
        ScriptedHttpClient rds = new ScriptedHttpClient()
                .answer("ModifyDBSubnetGroup", "/aws-answers/rds/modify-db-subnet-group.xml");

        Observed updated = update(rds, group("old words", TWO), group("new words", TWO));

        assertThat(ScriptedRds.calls(rds)).singleElement().satisfies(call -> assertThat(call.parameters())
                .containsEntry("DBSubnetGroupDescription", "new words")
                .containsEntry("SubnetIds.SubnetIdentifier.1", TWO.get(0))
                .containsEntry("SubnetIds.SubnetIdentifier.2", TWO.get(1)));
        assertThat(updated.attributes()).containsEntry("description", "new words");
        assertThat(updated.arn()).isEqualTo(ARN);
    }

    private static Observed update(ScriptedHttpClient rds, Map<String, Object> before, Map<String, Object> after) {
        Observed current = new Observed(ADDRESS, RdsTypes.SUBNET_GROUP.name(), "shop-main", ARN, before, Map.of());
        ResourceSpec spec = ResourceSpec.managed(ADDRESS, RdsTypes.SUBNET_GROUP.name(), after, Map.of());
        try (AwsClients aws = ScriptedRds.clients(rds)) {
            return new SubnetGroupHandler(aws).update(spec, current, planned(spec, current), new TestApplyContext(ADDRESS))
                    .join();
        }
    }

    private static Map<String, Object> group(String description, List<String> subnets) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "shop-main");
        attributes.put("description", description);
        attributes.put("subnetIds", subnets);
        return attributes;
    }
}
