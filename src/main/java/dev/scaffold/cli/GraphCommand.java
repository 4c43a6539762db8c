package dev.scaffold.cli;

import dev.scaffold.report.GraphRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold graph}: prints the blueprint's resources and their dependencies as a diagram. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Prints the resources the blueprint expands to and what depends on what,",
                "as Graphviz dot or a Mermaid flowchart. Offline: no AWS call."})
public final class GraphCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    BlueprintOptions blueprint;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GraphRenderer.Format format;

    @Override
    public Integer call() {
        try (StackSession session = StackSession.open(root.terminal(), blueprint, null)) {
            spec.commandLine().getOut().print(GraphRenderer.render(session.stack().graph(), format));
        }
        return ExitCodes.OK;
    }
}
