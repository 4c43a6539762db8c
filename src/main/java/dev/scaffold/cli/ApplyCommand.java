package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.SavedPlan;
import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold apply [PLAN]}: makes AWS match the blueprint, or carries out a saved plan. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Makes AWS match the blueprint: plans, shows the plan, asks for 'yes', applies.",
                "With PLAN, carries out exactly that saved plan, and refuses it if the state has moved since.",
                "Without a terminal it asks nothing and needs --auto-approve."})
public final class ApplyCommand implements Callable<Integer> {

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

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
    boolean autoApprove;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "A plan saved by 'scaffold plan --out'.")
    Path planFile;

    @Override
    public Integer call() {
        ChangeRun.checkJsonNeedsNoQuestion(spec.commandLine(), output, autoApprove || planFile != null,
                "add --auto-approve, or apply a saved plan");
        Terminal terminal = root.terminal();
        try (StackSession session = StackSession.open(terminal, blueprint, aws);
             StateLock lock = RunLock.take(session.store(), "apply", spec.commandLine().getErr())) {
            session.printNotices(root.messages(spec.commandLine()));
            State prior = session.state().orElse(null);
            ChangeRun run = new ChangeRun(session, root, output, spec.commandLine());
            if (planFile != null) {
                Plan saved = SavedPlan.read(planFile).plan();
                checkSavedPlan(saved, session, prior);
                return run.execute(saved, prior, planning.parallelism);
            }
            return run.planConfirmAndExecute(PlanMode.NORMAL, planning, prior, "apply these changes", autoApprove);
        }
    }

    private void checkSavedPlan(Plan saved, StackSession session, State prior) {
        SavedPlan.checkCurrent(saved, prior);
        if (!saved.blueprintDigest().equals(session.stack().digest())) {
            throw ScaffoldException.failure("Saved plan " + planFile + " was made from another blueprint"
                    + " (or other variables or environment) than " + blueprint.file
                    + "; run scaffold plan --out again");
        }
    }
}
