package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** What the handler tests share: the stack they read, its tags, and what "no changes" means. */
public final class Fixtures {

    public static final String STACK = "shop";
    public static final String ENV = "default";

    private Fixtures() {
    }

    /** The tags a component puts on a resource of the stack. */
    public static Map<String, String> tags(ResourceAddress address) {
        return tags(STACK, ENV, address);
    }

    public static Map<String, String> tags(String stack, String env, ResourceAddress address) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(StackTags.STACK, stack);
        tags.put(StackTags.ENVIRONMENT, env);
        tags.put(StackTags.ADDRESS, address.toString());
        tags.put("team", "web");
        return tags;
    }

    /** What the state would hold after these resources were applied. */
    public static List<ResourceState> known(Observed... observed) {
        return Arrays.stream(observed)
                .map(o -> new ResourceState(o.address(), o.type(), o.physicalId(), o.arn(), o.attributes(),
                        Set.of(), ResourceStatus.OK))
                .toList();
    }

    /** A resource as the executor hands it to update and delete: the state's record, which has no tags. */
    public static Observed asRecorded(Observed observed) {
        return new Observed(observed.address(), observed.type(), observed.physicalId(), observed.arn(),
                observed.attributes(), Map.of());
    }

    /** Every desired attribute and tag is read back equal, so a plan right after apply shows no change. */
    public static void assertNoChanges(ResourceSpec desired, Observed actual) {
        assertThat(actual).as("%s was not found", desired.address()).isNotNull();
        Map<String, Object> read = new TreeMap<>();
        desired.attributes().keySet().forEach(name -> read.put(name, actual.attributes().get(name)));
        assertThat(read).as("attributes of %s", desired.address())
                .isEqualTo(new TreeMap<>(desired.attributes()));
        assertThat(actual.tags()).as("tags of %s", desired.address()).isEqualTo(desired.tags());
    }

    /** What a read found, by address; a read answers each address once in these tests. */
    public static Map<ResourceAddress, Observed> found(List<Observed> read) {
        Map<ResourceAddress, Observed> byAddress = new TreeMap<>();
        read.forEach(observed -> byAddress.put(observed.address(), observed));
        return byAddress;
    }

    /**
     * The attribute changes the differ plans to turn {@code current} into {@code desired}: what an
     * update is given to make.
     */
    public static List<AttributeChange> planned(ResourceSpec desired, Observed current) {
        ResourceState recorded = new ResourceState(current.address(), current.type(), current.physicalId(),
                current.arn(), current.attributes(), Set.of(), ResourceStatus.OK);
        State state = State.empty(STACK, null).with(recorded);
        Plan plan = new Differ(AwsProvider.types()).diff(DiffInput.of(PlanMode.NORMAL, "test",
                DesiredGraph.of(List.of(desired)), state, new DiffInput.Location("us-east-1", "123456789012"),
                Map.of(current.address(), current)));
        return plan.changes().get(0).changes();
    }

    /** The spec with more tags, e.g. ones a user added to the blueprint. */
    public static ResourceSpec withTags(ResourceSpec spec, Map<String, String> more) {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.putAll(more);
        return ResourceSpec.managed(spec.address(), spec.type(), spec.attributes(), tags);
    }

    /**
     * A create refused as a handler refuses one whose name another stack's resource holds: {@code operation} failed
     * with AWS's {@code code}, and the message says whose the resource is and what to do.
     */
    public static void assertRefusedAsAnotherStacks(Supplier<CompletableFuture<?>> create, String operation, String code,
                                                    String message) {
        assertThatThrownBy(() -> create.get().join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(HandlerException.class, failure -> {
                    assertThat(failure.operation()).isEqualTo(operation);
                    assertThat(failure.code()).isEqualTo(code);
                    assertThat(failure.getMessage()).isEqualTo(message);
                });
    }
}
