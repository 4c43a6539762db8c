package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.PlanSource;
import dev.scaffold.plan.SavedPlan;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.report.PlanTextRenderer;
import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold apply [PLAN]}: makes AWS match the blueprint, or carries out a saved plan. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Makes AWS match the blueprint: plans, shows the plan, asks for 'yes', applies.",
                "Without a terminal it asks nothing and needs --auto-approve.",
                "With PLAN, carries out exactly that saved plan without asking, terminal or not (it was reviewed"
                        + " when saved, as with Terraform), and refuses it if the state has moved since."})
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
        if (planFile != null) {
            return applySaved();
        }
        Messages messages = root.messages(spec.commandLine());
        try (StackSession session = StackSession.open(root, blueprint, aws, messages);
             StateLock lock = RunLock.take(session.store(), "apply", messages)) {
            State prior = session.stateToWrite().orElse(null);
            String again = "scaffold apply" + session.given(blueprint, aws);
            return new ChangeRun(session, root, output, spec.commandLine(), again, again)
                    .planConfirmAndExecute(PlanMode.NORMAL, planning, prior, "apply these changes", autoApprove);
        }
    }

    /**
     * Carries out a saved plan with what it was made from, so that it needs nothing else: options
     * that would change what it does are usage errors.
     */
    private int applySaved() {
        if (blueprint.anyGiven() || planning.planningGiven()) {
            throw new ParameterException(spec.commandLine(), "a saved plan carries its blueprint, environment,"
                    + " variables and targets: give none of -f, -e, --var, --var-file, --target or --refresh with "
                    + planFile + " (only --parallelism, --auto-approve and the output options)");
        }
        SavedPlan.Contents saved = SavedPlan.read(planFile, "apply");
        PlanSource source = saved.source();
        String replan = SavedPlans.replan(source, planFile, saved.plan().mode(), aws.given());
        Terminal terminal = root.terminal();
        Messages messages = root.messages(spec.commandLine());
        LoadRequest request = SavedPlans.request(source, planFile, terminal.environment());
        // A destroy plan was made without the values it does not need; it is carried out without them too.
        try (StackSession session = StackSession.open(root,
                saved.plan().mode() == PlanMode.DESTROY ? request.withUnknownValues() : request, aws, messages);
             StateLock lock = RunLock.take(session.store(), "apply", messages)) {
            State prior = session.stateToWrite().orElse(null);
            Plan plan = saved.plan();
            SavedPlan.checkCurrent(plan, prior, replan);
            if (!plan.blueprintDigest().equals(session.stack().digest())) {
                throw ScaffoldException.failure("the saved plan " + planFile + " was made from another blueprint, other"
                        + " variables or another environment than " + SavedPlans.blueprintOf(source, planFile)
                        + " gives now; nothing was changed. Make the plan again: " + replan);
            }
            DiffInput.Location here = session.location();
            if (!here.region().equals(plan.region()) || !here.accountId().equals(plan.accountId())) {
                throw ScaffoldException.failure("the saved plan " + planFile + " was made in region " + plan.region()
                        + " of account " + plan.accountId() + ", but this run works in region " + here.region()
                        + " of account " + here.accountId() + "; apply it with --region " + plan.region()
                        + " and credentials of that account");
            }
            Plan restored = SensitiveValues.restored(plan, session.stack().graph());
            if (!output.json()) {
                // The plan is not shown again; what it leaves out of the blueprint still is.
                spec.commandLine().getOut().print(new PlanTextRenderer(root.color()).notProvisionedWarning(restored));
            }
            return new ChangeRun(session, root, output, spec.commandLine(),
                    replan + ", then: scaffold apply " + ShellWord.of(planFile) + aws.given(),
                    SavedPlans.applyBlueprint(source, planFile, aws.given())).execute(restored, prior, planning.parallelism);
        }
    }
}
