package dev.scaffold.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scaffold.ScaffoldException;
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

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> outputs = StateCommand.read(StackSession.stateStore(root.terminal(), blueprint)).outputs();
        if (name == null) {
            if (output.json()) {
                out.println(JSON.writeValueAsString(outputs));
            } else {
                outputs.forEach((key, value) -> out.println(key + " = " + value));
            }
            return ExitCodes.OK;
        }
        if (!outputs.containsKey(name)) {
            throw ScaffoldException.failure("no output named '" + name + "'; the stack has: "
                    + (outputs.isEmpty() ? "none" : String.join(", ", outputs.keySet())));
        }
        out.println(output.json() ? JSON.writeValueAsString(outputs.get(name)) : String.valueOf(outputs.get(name)));
        return ExitCodes.OK;
    }
}
