package dev.scaffold.cli;

import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.engine.PlanOptions;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.SavedPlan;
import dev.scaffold.state.State;
import dev.scaffold.state.StateLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold plan}: shows what apply would change, and can save it for apply. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what apply would create, update, replace or delete; changes nothing.",
                "Reads what exists in AWS first. --out saves the plan for 'scaffold apply FILE'."})
public final class PlanCommand implements Callable<Integer> {

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

    @Option(names = "--out", paramLabel = "FILE", description = "Save the plan to FILE for 'scaffold apply FILE'.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text, json or markdown (for pull-request comments); default text, or json with --json.")
    PlanOutput.Format format;

    @Option(names = "--destroy", description = "Plan to delete everything the stack holds; needs no variable values.")
    boolean destroy;

    @Option(names = "--detailed-exitcode",
            description = "Exit 0 when there are no changes, 2 when there are (1 on errors).")
    boolean detailedExitCode;

    @Override
    public Integer call() {
        if (output.json() && format != null) {
            throw new ParameterException(spec.commandLine(), "--json and --format cannot go together;"
                    + " --json is short for --format json");
        }
        if (out != null) {
            SavedPlan.refuseToReplaceAnythingElse(out);
        }
        Messages messages = root.messages(spec.commandLine());
        // A destroy plan deletes what the state holds: it needs no variable's value.
        LoadRequest request = destroy ? blueprint.request().withUnknownValues() : blueprint.request();
        try (StackSession session = StackSession.open(root, request, aws, messages);
             StateLock lock = RunLock.take(session.store(), "plan", messages)) {
            State prior = session.state().orElse(null);
            PlanMode mode = destroy ? PlanMode.DESTROY : PlanMode.NORMAL;
            PlanOptions options = planning.options(mode, session.stack(), prior);
            Plan plan = session.plan(prior, options, planning.parallelism);
            PrintWriter stdout = spec.commandLine().getOut();
            PlanOutput.Format chosen = format != null ? format : PlanOutput.Format.of(output);
            PlanOutput.print(plan, chosen, root.color(), planning.refresh(), stdout);
            if (out != null) {
                SavedPlan.write(plan, SavedPlans.source(session.stack(), out, options.targets(), options.refresh()), out);
                // Only the text plan has room for this on stdout; JSON and Markdown stay whole documents.
                // A plan apply will refuse is saved (show and CI can read it), but offered to no apply.
                String then = plan.refusal().isPresent() ? "apply will refuse it as it stands (see the warning above)"
                        : "to carry it out, run: scaffold apply " + ShellWord.of(out) + aws.given();
                if (chosen == PlanOutput.Format.text) {
                    stdout.println();
                    stdout.println("Saved the plan to " + out + ". " + Character.toUpperCase(then.charAt(0))
                            + then.substring(1));
                } else {
                    messages.note("saved the plan to " + out + "; " + then);
                }
            }
            return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES_PRESENT : ExitCodes.OK;
        }
    }
}
