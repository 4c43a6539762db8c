package dev.scaffold.cli;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintException;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.Diagnostic;
import dev.scaffold.components.Components;
import dev.scaffold.report.DiagnosticsJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold validate}: checks a blueprint offline and reports every problem at once. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a blueprint offline: syntax, types, variables, references, limits.",
                "Without --env it checks the blueprint under each of its environments too.",
                "Makes no AWS call. Exits 0 when valid, 3 with every problem found otherwise."})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    BlueprintOptions blueprint;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Blueprint loaded = new BlueprintLoader(root.terminal().environment()).loadEveryEnvironment(blueprint.request());
            // Expanding renders the user-data templates, whose errors are the blueprint's too; it calls no AWS.
            new Components().expansion(loaded);
            if (output.json()) {
                out.print(DiagnosticsJson.render(List.of()));
                out.flush();
            } else if (root.logging().verbosity() >= 0) {
                out.println(loaded.file() + " is valid: stack " + loaded.name()
                        + (loaded.environment() == null ? "" : ", environment " + loaded.environment())
                        + ", region " + loaded.region() + ".");
            }
            return ExitCodes.OK;
        } catch (BlueprintException invalid) {
            if (!output.json()) {
                throw invalid;
            }
            List<Diagnostic> diagnostics = invalid.diagnostics();
            out.print(DiagnosticsJson.render(diagnostics));
            out.flush();
            return ExitCodes.INVALID_INPUT;
        }
    }
}
