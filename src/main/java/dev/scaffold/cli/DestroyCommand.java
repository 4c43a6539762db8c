package dev.scaffold.cli;

import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.aws.AwsProvider;
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
                "Shows the plan and asks for 'yes'; without a terminal it needs --auto-approve.",
                "Needs no variable values: one without a value is checked as unknown."})
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

    @Option(names = "--auto-approve", description = "Destroy without asking for confirmation.")
    boolean autoApprove;

    @Override
    public Integer call() {
        ChangeRun.checkJsonNeedsNoQuestion(spec.commandLine(), output, autoApprove, "add --auto-approve");
        Messages messages = root.messages(spec.commandLine());
        // A destroy deletes what the state holds: it needs no variable's value.
        try (StackSession session = StackSession.open(root, blueprint.request().withUnknownValues(), aws, messages);
             StateLock lock = RunLock.take(session.store(), "destroy", messages)) {
            State prior = session.stateToWrite().orElse(null);
            String options = session.given(blueprint, aws);
            String again = "scaffold destroy" + options;
            String apply = "scaffold apply" + options;
            Protections.refuseDestroy(session.stack(), prior, AwsProvider.types(), again, apply);
            return new ChangeRun(session, root, output, spec.commandLine(), again, apply)
                    .planConfirmAndExecute(PlanMode.DESTROY, planning, prior, "destroy these resources", autoApprove);
        }
    }
}
