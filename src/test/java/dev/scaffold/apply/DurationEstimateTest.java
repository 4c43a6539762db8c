package dev.scaffold.apply;

import static dev.scaffold.apply.Plans.address;
import static dev.scaffold.apply.Plans.create;
import static dev.scaffold.apply.Plans.plan;
import static dev.scaffold.apply.Plans.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Ref;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationEstimateTest {

    @Test
    void theEstimateIsTheCriticalPathOfTypicalLatencies() {
        Estimate estimate = DurationEstimate.typical().estimate(plan(
                create(spec("databases.main.sg", "AWS::EC2::SecurityGroup", Map.of())),
                create(spec("databases.main.primary", "AWS::RDS::DBInstance", Map.of(
                        "vpcSecurityGroupIds", java.util.List.of(new Ref(address("databases.main.sg"), "id"))))),
                create(spec("databases.main.replica[0]", "AWS::RDS::DBInstance", Map.of(
                        "sourceDBInstanceIdentifier", new Ref(address("databases.main.primary"), "id")))),
                create(spec("loadBalancers.web.alb", "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of()))));

        assertThat(estimate.total()).isEqualTo(Duration.ofMinutes(22).plusSeconds(2));
        assertThat(estimate.describe()).isEqualTo("about 23 min; longest chain: databases.main.sg"
                + " → databases.main.primary → databases.main.replica[0]");
    }

    @Test
    void aShortPlanIsEstimatedInSeconds() {
        Estimate estimate = DurationEstimate.typical().estimate(plan(
                create(spec("monitoring.all.topic", "AWS::SNS::Topic", Map.of()))));

        assertThat(estimate.describe()).isEqualTo("about 10 s; longest chain: monitoring.all.topic");
    }

    @Test
    void anEmptyPlanHasNothingToDo() {
        assertThat(DurationEstimate.typical().estimate(plan()).describe()).isEqualTo("nothing to do");
    }

    @Test
    void unknownTypesTakeTheDefault() {
        DurationEstimate table = DurationEstimate.of(Map.of(), Duration.ofSeconds(7));

        assertThat(table.typical(spec("a.b.c", "AWS::Unknown::Thing", Map.of()))).isEqualTo(Duration.ofSeconds(7));
    }
}
