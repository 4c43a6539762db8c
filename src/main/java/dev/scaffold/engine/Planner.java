package dev.scaffold.engine;

import dev.scaffold.ScaffoldException;
import dev.scaffold.components.SensitiveMarks;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.ForeignResource;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.refresh.Actual;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.RecordedLocation;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map.Entry;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Works out a plan: refreshes what exists (the only AWS reads) and diffs it with the blueprint.
 * Every managed resource the blueprint asks for is tagged with the state's lineage, so that only
 * this state ever adopts it; a stack without a state gets the lineage its first apply will write.
 */
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
     * @param location the AWS region and account this run works in
     */
    public Plan plan(Stack stack, State prior, DiffInput.Location location, PlanOptions options) {
        return refreshAndPlan(stack, prior, location, options).plan();
    }

    /**
     * A plan and what its refresh found, e.g. for tests and benchmarks that count the refresh's calls.
     *
     * @param plan the plan
     * @param refreshed what the refresh read, or {@code null} when the plan trusted the state
     */
    public record Result(Plan plan, Actual refreshed) {
    }

    /** As {@link #plan}, keeping what the refresh found. */
    public Result refreshAndPlan(Stack stack, State prior, DiffInput.Location location, PlanOptions options) {
        requireSameLocation(stack, prior, location);
        State known = prior != null ? prior : State.empty(stack.name(), stack.environment());
        DesiredGraph tagged = withLineage(stack.graph(), known.lineage());
        Map<ResourceAddress, Observed> actual;
        List<ForeignResource> foreign = List.of();
        Actual read = null;
        if (options.refresh()) {
            read = refresher.refresh(known, toRead(tagged, options.mode()));
            LOG.info("refreshed stack {}: {} resources found in AWS ({} not in the state, {} of another state)"
                            + " with {} AWS calls", stack.name(), read.resources().size(), read.orphans().size(),
                    read.foreign().size(), read.apiCalls());
            actual = read.resources();
            foreign = read.foreign().stream().map(Planner::foreign).toList();
        } else {
            actual = trusted(known, tagged);
        }
        DesiredGraph desired = options.mode() == PlanMode.DESTROY ? DesiredGraph.of(List.of()) : tagged;
        DiffInput input = new DiffInput(options.mode(), stack.digest(), desired, known, location, actual, foreign,
                options.targets());
        Plan plan = new Differ(handlers.types()).diff(input);
        // What the blueprint asks for but no component builds is left out of the plan: the plan says so.
        if (options.mode() == PlanMode.NORMAL) {
            plan = plan.withNotProvisioned(stack.notices()).withAwaitingYou(awaitingYou(actual));
        }
        plan = plan.withProduction(stack.blueprint().production());
        return new Result(withSensitiveValuesMarked(plan, SensitiveMarks.of(stack.blueprint())), read);
    }

    /** What AWS waits on the user for, resource by resource in address order, each instruction naming its resource. */
    private List<String> awaitingYou(Map<ResourceAddress, Observed> actual) {
        return actual.values().stream().sorted(Comparator.comparing(observed -> observed.address().toString()))
                .flatMap(observed -> handlers.handler(observed.type()).awaitingYou(observed)
                        .map(instruction -> observed.address() + ": " + instruction).stream())
                .toList();
    }

    /**
     * The plan with every attribute change whose old value holds a sensitive value marked sensitive too:
     * the blueprint marks what it sets, but not, say, a tag it no longer sets that AWS still holds.
     */
    static Plan withSensitiveValuesMarked(Plan plan, SensitiveMarks marks) {
        if (marks.isEmpty()) {
            return plan;
        }
        return plan.withChanges(plan.changes().stream().map(change -> change.withChanges(change.changes().stream()
                .map(a -> !a.sensitive() && marks.holdsSecret(a.before()) ? a.asSensitive() : a)
                .toList())).toList());
    }

    /**
     * Refuses a run in another region or account than the state's: its refresh would find none of the
     * stack's resources and plan to create them all again, and a destroy would forget them all. A state
     * written before region and account were recorded is placed by the ARNs of its resources.
     *
     * @throws ScaffoldException naming both places, before any AWS call of the plan
     */
    public static void requireSameLocation(Stack stack, State prior, DiffInput.Location location) {
        if (prior == null) {
            return;
        }
        RecordedLocation recorded = RecordedLocation.of(prior);
        if (recorded.admits(location.region(), location.accountId())) {
            return;
        }
        String environment = stack.environment() == null ? "" : " (environment " + stack.environment() + ")";
        String region = recorded.regions().isEmpty() ? location.region() : recorded.describeRegions();
        String account = recorded.accountIds().isEmpty() ? location.accountId() : recorded.describeAccounts();
        String how = recorded.fromArns()
                ? " (as the ARNs of its resources say: the state, written by an older scaffold, does not record it)"
                : "";
        throw ScaffoldException.failure("the state of stack " + stack.name() + environment + " was made in region "
                + region + " of account " + account + how + ", but this run works in region "
                + location.region() + " of account " + location.accountId() + "; run it with --region "
                + region + " and credentials of account " + account
                + " (e.g. --profile), or give the other place an environment of its own");
    }

    /** The graph with every managed resource tagged with the lineage of the state that owns it. */
    static DesiredGraph withLineage(DesiredGraph graph, UUID lineage) {
        return DesiredGraph.of(graph.resources().stream().map(spec -> {
            if (spec.mode() != Mode.MANAGED) {
                return spec;
            }
            Map<String, String> tags = new LinkedHashMap<>(spec.tags());
            tags.put(StackTags.LINEAGE, lineage.toString());
            return new ResourceSpec(spec.address(), spec.type(), spec.mode(), spec.attributes(), tags,
                    spec.dependsOn(), spec.sensitive());
        }).toList());
    }

    /**
     * What the refresh reads besides the state: the blueprint's resources (their types, and the names
     * of children found by name) and, unless destroying, its data lookups, which a destroy has no use for.
     */
    private static List<ResourceSpec> toRead(DesiredGraph graph, PlanMode mode) {
        return mode == PlanMode.DESTROY
                ? graph.resources().stream().filter(spec -> spec.mode() == Mode.MANAGED).toList()
                : graph.resources();
    }

    /** Without a refresh the state is taken at its word; data lookups are still read, as plans need them. */
    private Map<ResourceAddress, Observed> trusted(State known, DesiredGraph graph) {
        Actual looked = refresher.lookUp(known, graph.resources());
        Map<ResourceAddress, Observed> actual = new LinkedHashMap<>(looked.resources());
        for (Entry<ResourceAddress, ResourceState> entry : known.resources().entrySet()) {
            ResourceState resource = entry.getValue();
            // The state does not record tags; without a refresh they are taken to be as desired.
            Map<String, String> tags = graph.get(entry.getKey()).map(ResourceSpec::tags).orElse(Map.of());
            actual.put(entry.getKey(), Observed.of(resource, tags));
        }
        return actual;
    }

    private static ForeignResource foreign(Observed observed) {
        return new ForeignResource(observed.address(), observed.type(), observed.physicalId(),
                observed.tags().get(StackTags.LINEAGE), observed.tags().get(StackTags.STACK));
    }
}
