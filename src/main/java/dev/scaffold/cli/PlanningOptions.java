package dev.scaffold.cli;

import dev.scaffold.engine.PlanOptions;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.PlanMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the commands that work out a plan: which resources, and whether to read AWS first. */
public final class PlanningOptions {

    @Option(names = "--target", paramLabel = "ADDRESS", converter = ResourceAddressConverter.class,
            description = "Plan only this resource and what it depends on; repeatable. E.g. loadBalancers.web.alb")
    List<ResourceAddress> targets = new ArrayList<>();

    @Option(names = "--refresh", arity = "1", paramLabel = "true|false", defaultValue = "true",
            description = "Read what exists in AWS before planning (default: ${DEFAULT-VALUE}); false trusts the state.")
    boolean refresh = true;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "At most N AWS calls in flight at once (default: ${DEFAULT-VALUE}).")
    int parallelism = 10;

    PlanOptions options(PlanMode mode) {
        return new PlanOptions(mode, new LinkedHashSet<>(targets), refresh);
    }
}
