package dev.scaffold.cli;

import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanSource;
import dev.scaffold.plan.SavedPlan;
import dev.scaffold.state.LocalStateStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold show FILE}: prints a saved plan and what it was made from; no AWS call, no lock. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Prints a plan saved by 'scaffold plan --out', as text or, with --json, as plan --json does.",
                "Reads nothing else (it only looks whether the blueprint the plan names is there): no state, no AWS."})
public final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "A plan saved by 'scaffold plan --out'.")
    Path planFile;

    /**
     * What the plan was made from and what must travel with it: the blueprint, named relative to the plan file as the
     * plan names it, and the state beside the blueprint, which apply checks the plan against. Whether they are there
     * decides the hint: an apply, or what to copy first.
     */
    private void madeFrom(SavedPlan.Contents saved, PrintWriter out) {
        PlanSource source = saved.source();
        Plan plan = saved.plan();
        Path blueprintHere = SavedPlans.blueprintOf(source, planFile);
        Path directory = Path.of(source.blueprint()).getParent();
        String state = new LocalStateStore(directory == null ? Path.of("") : directory, plan.stack(),
                plan.environment()).file().toString().replace('\\', '/');
        out.println("Made from the blueprint " + source.blueprint() + " (relative to this plan file)"
                + (source.environment() == null ? "" : ", environment " + source.environment())
                + (source.targets().isEmpty() ? "" : ", targets " + String.join(", ",
                        source.targets().stream().map(Object::toString).toList()))
                + (source.sensitiveVariables().isEmpty() ? "" : "; apply takes the sensitive "
                        + String.join(", ", source.sensitiveVariables()) + " from SCAFFOLD_VAR_<NAME>") + ".");
        String travels = plan.newState() ? "the blueprint (and the files it names) at that path"
                : "the blueprint (and the files it names) at that path and the state it was made against, " + state
                        + ", which scaffold keeps beside the blueprint (there is no remote state backend yet)";
        if (plan.refusal().isPresent()) {
            out.println("apply will refuse it as it stands (see the warning above).");
        } else if (Files.isRegularFile(blueprintHere)) {
            out.println("To carry it out, run: scaffold apply " + ShellWord.of(planFile));
            out.println("apply needs " + travels + ": copy them with the plan to apply it elsewhere.");
        } else {
            out.println("There is no " + blueprintHere + " here, so apply cannot carry it out from here: it needs "
                    + travels + ". Copy them with the plan, or apply it where it was saved.");
        }
    }

    @Override
    public Integer call() {
        SavedPlan.Contents saved = SavedPlan.read(planFile, "show");
        PrintWriter out = spec.commandLine().getOut();
        PlanOutput.print(saved.plan(), PlanOutput.Format.of(output), root.color(), saved.source().refreshed(), out);
        if (!output.json()) {
            out.println();
            madeFrom(saved, out);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
