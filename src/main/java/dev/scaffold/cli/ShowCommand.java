package dev.scaffold.cli;

import dev.scaffold.plan.PlanSource;
import dev.scaffold.plan.SavedPlan;
import java.io.PrintWriter;
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
                "Reads nothing else: no blueprint, no state, no AWS."})
public final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "A plan saved by 'scaffold plan --out'.")
    Path planFile;

    @Override
    public Integer call() {
        SavedPlan.Contents saved = SavedPlan.read(planFile);
        PrintWriter out = spec.commandLine().getOut();
        PlanOutput.print(saved.plan(), PlanOutput.Format.of(output), root.color(), saved.source().refreshed(), out);
        if (!output.json()) {
            PlanSource source = saved.source();
            out.println();
            out.println("Made from " + SavedPlans.blueprintOf(source, planFile)
                    + (source.environment() == null ? "" : ", environment " + source.environment())
                    + (source.targets().isEmpty() ? "" : ", targets " + String.join(", ",
                            source.targets().stream().map(Object::toString).toList()))
                    + (source.sensitiveVariables().isEmpty() ? "" : "; apply takes the sensitive "
                            + String.join(", ", source.sensitiveVariables()) + " from SCAFFOLD_VAR_<NAME>") + ".");
            out.println("To carry it out, run: scaffold apply " + planFile);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
