package dev.scaffold.apply;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.Standing;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds the plans and states engine tests run, the way the Differ would. */
public final class Plans {

    public static final String STACK = "shop";
    /** The lineage of every state and plan these helpers build. */
    public static final UUID LINEAGE = UUID.fromString("0f9a4c1e-7b2d-4e55-9a10-3c6b8d2e1f00");

    private Plans() {
    }

    public static ResourceAddress address(String text) {
        return ResourceAddress.parse(text);
    }

    public static ResourceSpec spec(String address, String type, Map<String, Object> attributes, String... dependsOn) {
        Set<ResourceAddress> needs = Arrays.stream(dependsOn).map(ResourceAddress::parse).collect(Collectors.toSet());
        return new ResourceSpec(address(address), type, Mode.MANAGED, attributes, Map.of(), needs, Set.of());
    }

    public static ResourceState recorded(String address, String type, String physicalId, String... dependsOn) {
        Set<ResourceAddress> needs = Arrays.stream(dependsOn).map(ResourceAddress::parse).collect(Collectors.toSet());
        return new ResourceState(address(address), type, physicalId, "arn:test:" + physicalId,
                Map.of("name", physicalId), needs, ResourceStatus.OK);
    }

    public static ResourceChange create(ResourceSpec spec) {
        return new ResourceChange(spec.address(), spec.type(), Action.CREATE, spec, null, List.of(), Set.of(),
                spec.dependencies(), Standing.NEW);
    }

    public static ResourceChange update(ResourceSpec spec, ResourceState prior) {
        return new ResourceChange(spec.address(), spec.type(), Action.UPDATE, spec, prior, List.of(), Set.of(),
                spec.dependencies(), Standing.RECORDED);
    }

    /** A replace that deletes the old resource first. */
    public static ResourceChange replace(ResourceSpec spec, ResourceState prior) {
        return replace(spec, prior, Action.DELETE_THEN_CREATE);
    }

    /** A replace that creates the new resource first. */
    public static ResourceChange replaceCreatingFirst(ResourceSpec spec, ResourceState prior) {
        return replace(spec, prior, Action.CREATE_THEN_DELETE);
    }

    private static ResourceChange replace(ResourceSpec spec, ResourceState prior, Action order) {
        return new ResourceChange(spec.address(), spec.type(), order, spec, prior, List.of(), Set.of("name"),
                spec.dependencies(), Standing.RECORDED);
    }

    public static ResourceChange noOp(ResourceSpec spec, ResourceState prior) {
        return new ResourceChange(spec.address(), spec.type(), Action.NO_OP, spec, prior, List.of(), Set.of(),
                spec.dependencies(), Standing.RECORDED);
    }

    /** A delete; its dependencies are the resources that depend on it, as the Differ fills them. */
    public static ResourceChange delete(ResourceState prior, String... dependents) {
        Set<ResourceAddress> after = Arrays.stream(dependents).map(ResourceAddress::parse).collect(Collectors.toSet());
        return new ResourceChange(prior.address(), prior.type(), Action.DELETE, null, prior, List.of(), Set.of(), after,
                Standing.RECORDED);
    }

    public static Plan plan(List<ResourceChange> changes) {
        return new Plan(Plan.FORMAT_VERSION, PlanMode.NORMAL, STACK, null, LINEAGE, 1, "us-east-1", "123456789012",
                "sha256:test", changes, List.of(), List.of());
    }

    public static Plan plan(ResourceChange... changes) {
        return plan(List.of(changes));
    }

    /** The state a plan's priors come from. */
    public static State stateOf(ResourceState... resources) {
        State state = new State(State.FORMAT_VERSION, STACK, null, "us-east-1", "123456789012", LINEAGE, 1, Map.of(),
                Map.of());
        for (ResourceState resource : resources) {
            state = state.with(resource);
        }
        return state;
    }
}
