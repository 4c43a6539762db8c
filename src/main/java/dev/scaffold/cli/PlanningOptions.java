package dev.scaffold.cli;

import dev.scaffold.engine.PlanOptions;
import dev.scaffold.engine.Stack;
import dev.scaffold.graph.CloseMatches;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.state.State;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/** The options of the commands that work out a plan: which resources, and whether to read AWS first. */
public final class PlanningOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--target", paramLabel = "ADDRESS", converter = TargetConverter.class,
            description = "Plan only this resource, or every resource of a tier entry, and what it depends on;"
                    + " repeatable. E.g. loadBalancers.web.alb, or loadBalancers.web")
    List<Target> targets = new ArrayList<>();

    @Option(names = "--refresh", arity = "1", paramLabel = "true|false", defaultValue = "true",
            description = "Read what exists in AWS before planning (default: ${DEFAULT-VALUE}); false trusts the state.")
    boolean refresh = true;

    int parallelism = 10;

    /** At least one call must be allowed in flight; 0 would wait forever. Checked before any work. */
    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "At most N AWS calls in flight at once, N at least 1 (default: ${DEFAULT-VALUE}).")
    void parallelism(int calls) {
        if (calls < 1) {
            throw new ParameterException(mixee.commandLine(),
                    "--parallelism must be at least 1 (AWS calls in flight at once), got " + calls);
        }
        parallelism = calls;
    }

    /**
     * How to plan for {@code stack}: each target stands for the resources of the blueprint and of the
     * state it selects. A target that selects none is a usage error naming what the user may have meant.
     */
    PlanOptions options(PlanMode mode, Stack stack, State prior) {
        Set<ResourceAddress> known = new TreeSet<>();
        stack.graph().resources().stream().map(ResourceSpec::address).forEach(known::add);
        if (prior != null) {
            known.addAll(prior.resources().keySet());
        }
        Set<ResourceAddress> selected = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (Target target : targets) {
            List<ResourceAddress> matches = known.stream().filter(target::selects).toList();
            if (matches.isEmpty()) {
                unknown.add("--target " + target + " matches nothing in the blueprint or the state"
                        + didYouMean(target, known));
            }
            selected.addAll(matches);
        }
        if (!unknown.isEmpty()) {
            throw new ParameterException(mixee.commandLine(), String.join("; ", unknown)
                    + "; 'scaffold graph' lists the addresses");
        }
        return new PlanOptions(mode, selected, refresh);
    }

    /** Whether the plan reads AWS first; without that it cannot say AWS matches. */
    /** Whether {@code --target} or {@code --refresh} was given, which a saved plan fixes already. */
    boolean planningGiven() {
        CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
        return !targets.isEmpty() || parsed != null && parsed.hasMatchedOption("--refresh");
    }

    boolean refresh() {
        return refresh;
    }

    private static String didYouMean(Target target, Set<ResourceAddress> known) {
        Set<String> candidates = new TreeSet<>();
        for (ResourceAddress address : known) {
            if (!address.isDeposed()) {
                candidates.add(target.isResource() ? address.toString() : address.tier() + "." + address.name());
            }
        }
        List<String> near = CloseMatches.among(target.text(), candidates);
        return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
    }

    /** Reads a target; a malformed one is a usage error before any work. */
    static final class TargetConverter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            try {
                return Target.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
