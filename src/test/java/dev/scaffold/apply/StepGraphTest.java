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
import dev.scaffold.state.ResourceState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepGraphTest {

    private static final String T = "Test::Thing";

    @Test
    void aResourceThatStopsUsingADeletedOneIsUpdatedBeforeTheDelete() {
        ResourceState oldGroup = recorded("loadBalancers.web.tg-old", T, "tg-1");
        ResourceState listener = recorded("loadBalancers.web.listener", T, "l-1", "loadBalancers.web.tg-old");

        StepGraph steps = StepGraph.of(plan(
                create(spec("loadBalancers.web.tg-new", T, Map.of())),
                update(spec("loadBalancers.web.listener", T,
                        Map.of("tg", new Ref(address("loadBalancers.web.tg-new"), "arn"))), listener),
                delete(oldGroup, "loadBalancers.web.listener")));

        assertThat(steps.dag().dependenciesOf(Step.destroy(oldGroup.address())))
                .containsExactly(Step.apply(listener.address()));
        assertThat(steps.dag().dependenciesOf(Step.apply(listener.address())))
                .containsExactly(Step.apply(address("loadBalancers.web.tg-new")));
    }

    @Test
    void aReplacedResourceIsDestroyedAfterItsReplacedDependentsAndCreatedBeforeThem() {
        ResourceState sg = recorded("app.web.sg", T, "sg-1");
        ResourceState instance = recorded("app.web.instance", T, "i-1", "app.web.sg");

        StepGraph steps = StepGraph.of(plan(
                replace(spec("app.web.sg", T, Map.of()), sg),
                replace(spec("app.web.instance", T, Map.of(), "app.web.sg"), instance)));

        assertThat(steps.dag().topologicalOrder()).containsExactly(
                Step.destroy(instance.address()), Step.destroy(sg.address()),
                Step.apply(sg.address()), Step.apply(instance.address()));
    }

    @Test
    void noOpsAreNotSteps() {
        ResourceState sg = recorded("app.web.sg", T, "sg-1");

        StepGraph steps = StepGraph.of(plan(Plans.noOp(spec("app.web.sg", T, Map.of()), sg),
                create(spec("app.web.instance", T, Map.of(), "app.web.sg"))));

        assertThat(steps.dag().topologicalOrder()).containsExactly(Step.apply(address("app.web.instance")));
    }
}
