package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.state.PrettyJson;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold output [NAME]}: prints the stack's outputs, e.g. the load balancer's DNS name. */
@Command(name = "output", mixinStandardHelpOptions = true,
        description = {"Prints the stack's outputs as of the last apply, e.g. the ALB's DNS name.",
                "With NAME, prints just that value, for scripts. Reads the state only; no AWS call."})
public final class OutputCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    BlueprintOptions blueprint;

    @Mixin
    OutputOptions output;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One output to print.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> outputs = StateCommand.read(StackSession.stateStore(root.terminal(), blueprint)).outputs();
        if (name == null) {
            if (output.json()) {
                out.print(json(outputs));
                out.flush();
            } else {
                outputs.forEach((key, value) -> out.println(key + " = " + value));
            }
            return ExitCodes.OK;
        }
        if (!outputs.containsKey(name)) {
            throw ScaffoldException.failure("no output named '" + name + "'; the stack has: "
                    + (outputs.isEmpty() ? "none" : String.join(", ", outputs.keySet())));
        }
        if (output.json()) {
            out.print(json(outputs.get(name)));
            out.flush();
        } else {
            out.println(outputs.get(name));
        }
        return ExitCodes.OK;
    }

    private static String json(Object value) {
        return PrettyJson.write(PrettyJson.mapper().valueToTree(value));
    }
}
