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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A parameter group's update that changes one parameter, adds one and drops one, as AWS answers it: the emulator has no
 * ResetDBParameterGroup ({@link EmulatorGaps#RDS_PARAMETER_GROUP_RESET_MISSING}). Replayed by a scripted HTTP client.
 */
class ParameterGroupUpdateTest {

    private static final ResourceAddress ADDRESS = ResourceAddress.of("databases", "main", "parameter-group");

    @Test
    void changedAndNewParametersAreSetAndADroppedOneIsResetBothImmediately() {
        ScriptedHttpClient rds = new ScriptedHttpClient()
                .answer("ModifyDBParameterGroup", "/aws-answers/rds/modify-db-parameter-group.xml")
                .answer("ResetDBParameterGroup", "/aws-answers/rds/reset-db-parameter-group.xml");
        Observed current = new Observed(ADDRESS, RdsTypes.PARAMETER_GROUP.name(), "shop-main",
                "arn:aws:rds:us-east-1:123456789012:pg:shop-main",
                group(Map.of("rds.force_ssl", "0", "work_mem", "8192", "log_connections", "1")), Map.of());
        ResourceSpec spec = ResourceSpec.managed(ADDRESS, RdsTypes.PARAMETER_GROUP.name(),
                group(Map.of("rds.force_ssl", "1", "work_mem", "8192", "log_min_duration_statement", "500")), Map.of());

        try (AwsClients aws = ScriptedRds.clients(rds)) {
            new ParameterGroupHandler(aws).update(spec, current, planned(spec, current), new TestApplyContext(ADDRESS))
                    .join();
        }

        Map<String, String> modify = new LinkedHashMap<>();
        modify.put("DBParameterGroupName", "shop-main");
        modify.put("Parameters.Parameter.1.ApplyMethod", "immediate");
        modify.put("Parameters.Parameter.1.ParameterName", "log_min_duration_statement");
        modify.put("Parameters.Parameter.1.ParameterValue", "500");
        modify.put("Parameters.Parameter.2.ApplyMethod", "immediate");
        modify.put("Parameters.Parameter.2.ParameterName", "rds.force_ssl");
        modify.put("Parameters.Parameter.2.ParameterValue", "1");
        Map<String, String> reset = new LinkedHashMap<>();
        reset.put("DBParameterGroupName", "shop-main");
        reset.put("Parameters.Parameter.1.ApplyMethod", "immediate");
        reset.put("Parameters.Parameter.1.ParameterName", "log_connections");
        assertThat(ScriptedRds.calls(rds)).containsExactly(new Call("ModifyDBParameterGroup", modify),
                new Call("ResetDBParameterGroup", reset));
    }

    private static Map<String, Object> group(Map<String, String> parameters) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "shop-main");
        attributes.put("family", "postgres16");
        attributes.put("description", "The settings of the database shop-main");
        attributes.put("parameters", parameters);
        return attributes;
    }
}
