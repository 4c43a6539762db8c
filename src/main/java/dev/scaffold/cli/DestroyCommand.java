package dev.scaffold.cli;

import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold destroy}: deletes everything the stack's state holds, dependents first. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Deletes every resource the stack holds, dependents first.",
                "Shows the plan and asks for 'yes'; without a terminal it needs --auto-approve."})
public final class DestroyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    BlueprintOptions blueprint;

    @Mixin
    PlanningOptions planning;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOptions output;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--auto-approve", description = "Destroy without asking for confirmation.")
    boolean autoApprove;

    @Override
    public Integer call() {
        Terminal terminal = root.terminal();
        try (StackSession session = StackSession.open(terminal, blueprint, aws);
             StateLock lock = session.store().lock("destroy")) {
            session.printNotices(spec.commandLine().getErr());
            State prior = session.state().orElse(null);
            Plan plan = session.planner(planning.parallelism)
                    .plan(session.stack(), prior, planning.options(PlanMode.DESTROY));
            PlanOutput.print(plan, output, terminal, spec.commandLine().getOut());
            if (!plan.needsApply()) {
                return ExitCodes.OK;
            }
            ChangeRun run = new ChangeRun(session, terminal, output, spec.commandLine());
            run.confirm("destroy these resources", autoApprove);
            return run.execute(plan, prior, planning.parallelism);
        }
    }
}
