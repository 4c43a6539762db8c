package dev.scaffold.apply;

import static dev.scaffold.apply.Plans.address;
import static dev.scaffold.apply.Plans.create;
import static dev.scaffold.apply.Plans.delete;
import static dev.scaffold.apply.Plans.plan;
import static dev.scaffold.apply.Plans.recorded;
import static dev.scaffold.apply.Plans.replace;
import static dev.scaffold.apply.Plans.spec;
import static dev.scaffold.apply.Plans.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Ref;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.ResourceTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationEstimateTest {

    private static final String SG = Ec2Types.SECURITY_GROUP.name();
    private static final String ALB = Elbv2Types.LOAD_BALANCER.name();
    private static final String LISTENER = Elbv2Types.LISTENER.name();

    @Test
    void theEstimateIsTheCriticalPathOfTheSchemasCreateLatencies() {
        Estimate estimate = DurationEstimate.of(AwsProvider.types()).estimate(plan(
                create(spec("loadBalancers.web.security-group", SG, Map.of())),
                create(spec("loadBalancers.web.alb", ALB, Map.of(
                        "securityGroups", List.of(new Ref(address("loadBalancers.web.security-group"), "id"))))),
                create(spec("loadBalancers.web.listener-http", LISTENER, Map.of(
                        "loadBalancerArn", new Ref(address("loadBalancers.web.alb"), "arn"))))));

        Duration expected = Ec2Types.SECURITY_GROUP.typical().create()
                .plus(Elbv2Types.LOAD_BALANCER.typical().create())
                .plus(Elbv2Types.LISTENER.typical().create());
        assertThat(estimate.total()).isEqualTo(expected);
        assertThat(estimate.describe()).isEqualTo("about 3 min; longest chain: loadBalancers.web.security-group"
                + " → loadBalancers.web.alb → loadBalancers.web.listener-http");
    }

    @Test
    void updatesAndDeletesTakeTheirOwnLatencies() {
        ResourceType slowToDelete = ResourceType.managed("Test::Thing")
                .durations(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMinutes(3)).build();
        DurationEstimate estimate = DurationEstimate.of(ResourceTypes.of(List.of(slowToDelete)));

        assertThat(estimate.estimate(plan(update(spec("a.b.c", "Test::Thing", Map.of()),
                recorded("a.b.c", "Test::Thing", "c-1")))).total()).isEqualTo(Duration.ofSeconds(20));
        assertThat(estimate.estimate(plan(delete(recorded("a.b.c", "Test::Thing", "c-1")))).total())
                .isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void theDeleteHalfOfAReplaceThatChangesTheTypeTakesTheOldTypesLatency() {
        DurationEstimate estimate = DurationEstimate.of(Map.of("Test::Old", Duration.ofMinutes(3)), Duration.ofSeconds(1));

        Estimate replacing = estimate.estimate(plan(replace(spec("a.b.c", "Test::New", Map.of()),
                recorded("a.b.c", "Test::Old", "c-1"))));

        assertThat(replacing.total()).isEqualTo(Duration.ofMinutes(3).plusSeconds(1));
    }

    @Test
    void aShortPlanIsEstimatedInSeconds() {
        Estimate estimate = DurationEstimate.of(AwsProvider.types()).estimate(plan(
                create(spec("loadBalancers.web.security-group", SG, Map.of()))));

        assertThat(estimate.describe()).isEqualTo("about 10 s; longest chain: loadBalancers.web.security-group");
    }

    @Test
    void anEmptyPlanHasNothingToDo() {
        assertThat(DurationEstimate.of(AwsProvider.types()).estimate(plan()).describe()).isEqualTo("nothing to do");
    }

    @Test
    void typesWithoutASchemaTakeTheDefault() {
        DurationEstimate table = DurationEstimate.of(Map.of(), Duration.ofSeconds(7));

        assertThat(table.estimate(plan(create(spec("a.b.c", "AWS::Unknown::Thing", Map.of())))).total())
                .isEqualTo(Duration.ofSeconds(7));
    }
}
