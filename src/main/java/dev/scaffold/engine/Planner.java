package dev.scaffold.engine;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.Observed;
import dev.scaffold.refresh.Actual;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Works out a plan: refreshes what exists (the only AWS reads) and diffs it with the blueprint. */
public final class Planner {

    private static final Logger LOG = LogManager.getLogger(Planner.class);

    private final HandlerRegistry handlers;
    private final Refresher refresher;

    public Planner(HandlerRegistry handlers, Refresher refresher) {
        this.handlers = handlers;
        this.refresher = refresher;
    }

    /**
     * The plan for a stack.
     *
     * @param prior the stored state, or {@code null} when the stack has never been applied
     */
    public Plan plan(Stack stack, State prior, PlanOptions options) {
        State known = prior != null ? prior : State.empty(stack.name(), stack.environment());
        Map<ResourceAddress, Observed> actual;
        if (options.refresh()) {
            Actual read = refresher.refresh(known, toRead(stack, options.mode()));
            LOG.info("refreshed stack {}: {} resources found in AWS ({} not in the state) with {} AWS calls",
                    stack.name(), read.resources().size(), read.orphans().size(), read.apiCalls());
            actual = read.resources();
        } else {
            actual = trusted(known, stack);
        }
        DesiredGraph desired = options.mode() == PlanMode.DESTROY ? DesiredGraph.of(List.of()) : stack.graph();
        DiffInput input = new DiffInput(options.mode(), stack.name(), stack.environment(), stack.digest(),
                desired, prior, actual, options.targets());
        return new Differ(handlers).diff(input);
    }

    /**
     * What the refresh reads besides the state: the blueprint's resources (their types, for orphans)
     * and, unless destroying, its data lookups, which a destroy has no use for.
     */
    private static List<ResourceSpec> toRead(Stack stack, PlanMode mode) {
        return mode == PlanMode.DESTROY
                ? stack.graph().resources().stream().filter(spec -> spec.mode() == Mode.MANAGED).toList()
                : stack.graph().resources();
    }

    /** Without a refresh the state is taken at its word; data lookups are still read, as plans need them. */
    private Map<ResourceAddress, Observed> trusted(State known, Stack stack) {
        List<ResourceSpec> lookups = stack.graph().resources().stream()
                .filter(spec -> spec.mode() == Mode.DATA).toList();
        Actual looked = refresher.refresh(State.empty(known.stack(), known.environment()), lookups);
        Map<ResourceAddress, Observed> actual = new LinkedHashMap<>(looked.resources());
        for (Entry<ResourceAddress, ResourceState> entry : known.resources().entrySet()) {
            ResourceState resource = entry.getValue();
            // The state does not record tags; without a refresh they are taken to be as desired.
            Map<String, String> tags = stack.graph().get(entry.getKey()).map(ResourceSpec::tags).orElse(Map.of());
            actual.put(entry.getKey(), Observed.of(resource, tags));
        }
        return actual;
    }
}
