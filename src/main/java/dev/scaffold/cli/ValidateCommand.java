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
                "Needs no variable values: one without a value is checked as an unknown of its type where it is"
                        + " used, and named in a warning (plan and apply need it).",
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
            Blueprint loaded = new BlueprintLoader(root.terminal().environment())
                    .loadEveryEnvironment(blueprint.request().withUnknownValues());
            // Expanding renders the user-data templates, whose errors are the blueprint's too; it calls no AWS.
            new Components().expansion(loaded);
            if (output.json()) {
                out.print(DiagnosticsJson.render(loaded.warnings()));
                out.flush();
                return ExitCodes.OK;
            }
            Messages messages = root.messages(spec.commandLine());
            loaded.warnings().forEach(warning -> messages.warning(warning.toString()));
            if (root.logging().verbosity() >= 0) {
                out.println(loaded.file() + " is valid: stack " + loaded.name()
                        + (loaded.environment() == null ? "" : ", environment " + loaded.environment())
                        + ", region " + loaded.region() + (loaded.unknownVariables().isEmpty() ? "."
                        : "; checked without a value for " + String.join(", ", loaded.unknownVariables())
                        + ", which plan and apply need."));
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
