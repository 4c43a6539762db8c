package dev.scaffold.components;

import static dev.scaffold.components.Blueprints.blueprint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsHandlers;
import dev.scaffold.state.State;
import dev.scaffold.testing.AwsEmulator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a refresh of the load-balancer tier costs in AWS calls, for one load balancer and for
 * three: the describe and tag calls stay the same; only what ELBv2 offers per resource alone
 * (attributes, and listeners, which it lists per load balancer) grows.
 */
@ExtendWith(AwsEmulator.class)
class RefreshCostIT {

    /** ELBv2 operations without a batched form: one call per load balancer or target group. */
    private static final Set<String> PER_RESOURCE = Set.of(
            "DescribeLoadBalancerAttributes", "DescribeTargetGroupAttributes", "DescribeListeners");

    @Test
    void describeCallsDoNotGrowWithTheNumberOfLoadBalancers(AwsClients aws) {
        HandlerRegistry handlers = new HandlerRegistry(AwsHandlers.all(aws));
        Map<String, Integer> one = refreshCost(handlers, "one", 1);
        Map<String, Integer> three = refreshCost(handlers, "three", 3);

        assertThat(one.keySet()).isEqualTo(three.keySet());
        one.forEach((operation, calls) -> {
            int expected = PER_RESOURCE.contains(operation) ? 3 * calls : calls;
            assertThat(three.get(operation)).as(operation).isEqualTo(expected);
        });
        assertThat(one.entrySet().stream().filter(e -> !PER_RESOURCE.contains(e.getKey())))
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isLessThanOrEqualTo(4));
    }

    /** Applies a stack of {@code count} plain-HTTP load balancers, then counts the calls of the next plan's refresh. */
    private static Map<String, Integer> refreshCost(HandlerRegistry handlers, String stack, int count) {
        List<LoadBalancer> lbs = IntStream.range(0, count).mapToObj(i -> Blueprints.plainHttp("web" + i)).toList();
        Blueprint blueprint = blueprint(stack, null, false, null, lbs, List.of());
        State state = PlanAndApply.apply(blueprint, PlanAndApply.plan(handlers, blueprint, null, PlanMode.NORMAL).plan(),
                null, handlers);

        PlanAndApply.Planned again = PlanAndApply.plan(handlers, blueprint, state, PlanMode.NORMAL);

        assertThat(again.plan().hasChanges()).isFalse();
        return again.actual().callsByOperation();
    }
}
