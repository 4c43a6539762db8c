package dev.scaffold.cli;

import dev.scaffold.report.GraphRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold graph}: prints the blueprint's resources and their dependencies as a diagram. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draws the blueprint's resources and their dependencies (dot or Mermaid).",
                "Offline: no AWS call, and no variable values needed. An edge points at what must exist first."})
public final class GraphCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    BlueprintOptions blueprint;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GraphRenderer.Format format;

    @Override
    public Integer call() {
        // Offline, and it needs no variable's value: a variable without one is drawn as ${var.NAME}.
        try (StackSession session = StackSession.open(root, blueprint.request().withUnknownValues(), null,
                root.messages(spec.commandLine()))) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(GraphRenderer.render(session.stack().graph(), format));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
