package dev.scaffold.plan;

import static dev.scaffold.apply.Plans.address;
import static dev.scaffold.apply.Plans.create;
import static dev.scaffold.apply.Plans.delete;
import static dev.scaffold.apply.Plans.plan;
import static dev.scaffold.apply.Plans.recorded;
import static dev.scaffold.apply.Plans.replace;
import static dev.scaffold.apply.Plans.replaceCreatingFirst;
import static dev.scaffold.apply.Plans.spec;
import static dev.scaffold.apply.Plans.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.apply.Plans;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.ResourceState;
import java.util.List;
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
    void aCreateBeforeDestroyReplaceDestroysTheOldAfterTheNewAndAfterWhatMovesToIt() {
        ResourceState group = recorded("loadBalancers.web.target-group", T, "tg-1");
        ResourceState listener = recorded("loadBalancers.web.listener", T, "l-1", "loadBalancers.web.target-group");

        StepGraph steps = StepGraph.of(plan(
                replaceCreatingFirst(spec("loadBalancers.web.target-group", T, Map.of()), group),
                update(spec("loadBalancers.web.listener", T, Map.of("tg", new Ref(group.address(), "arn")),
                        "loadBalancers.web.target-group"), listener)));

        assertThat(steps.dag().topologicalOrder()).containsExactly(
                Step.apply(group.address()), Step.apply(listener.address()), Step.destroy(group.address()));
    }

    @Test
    void aCreateThenDeleteReplaceWhoseDependencyIsReplacedDeleteFirstIsPlannedDeleteFirstToo() {
        ResourceState sg = recorded("app.web.sg", T, "sg-1");
        ResourceState group = recorded("app.web.group", T, "g-1", "app.web.sg");
        ResourceAddress groupAddress = group.address();

        List<ResourceChange> settled = StepGraph.orderable(List.of(
                replace(spec("app.web.sg", T, Map.of()), sg),
                replaceCreatingFirst(spec("app.web.group", T, Map.of(), "app.web.sg"), group)));

        assertThat(settled).extracting(ResourceChange::action)
                .containsExactly(Action.DELETE_THEN_CREATE, Action.DELETE_THEN_CREATE);
        assertThat(StepGraph.of(settled).dag().topologicalOrder()).containsExactly(
                Step.destroy(groupAddress), Step.destroy(sg.address()), Step.apply(sg.address()), Step.apply(groupAddress));
    }

    @Test
    void aNewResourceWaitsForTheDeleteOfALeftoverThatMayHoldItsName() {
        ResourceState group = recorded("loadBalancers.web.target-group", T, "tg-1");
        ResourceState leftover = recorded(group.address().deposed("tg-9").toString(), T, "tg-9");

        StepGraph steps = StepGraph.of(plan(
                replaceCreatingFirst(spec("loadBalancers.web.target-group", T, Map.of()), group),
                delete(leftover)));

        assertThat(steps.dag().dependenciesOf(Step.apply(group.address()))).containsExactly(Step.destroy(leftover.address()));
    }

    @Test
    void noOpsAreNotSteps() {
        ResourceState sg = recorded("app.web.sg", T, "sg-1");

        StepGraph steps = StepGraph.of(plan(Plans.noOp(spec("app.web.sg", T, Map.of()), sg),
                create(spec("app.web.instance", T, Map.of(), "app.web.sg"))));

        assertThat(steps.dag().topologicalOrder()).containsExactly(Step.apply(address("app.web.instance")));
    }
}
