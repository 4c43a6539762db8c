package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.CloseMatches;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.state.PrettyJson;
import dev.scaffold.state.State;
import dev.scaffold.state.StateStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                "With NAME, prints just that value, for scripts. Reads the state only; no AWS call.",
                "A stack not applied yet has none: nothing is printed ({} with --json)."})
public final class OutputCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    BlueprintOptions blueprint;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One output to print.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StateStore store = StackSession.stateStore(root.terminal(), blueprint);
        Optional<State> state = store.read();
        if (state.isEmpty()) {
            root.messages(spec.commandLine()).note("there is no state at " + store.location()
                    + " yet, so the stack has no outputs; run scaffold apply first");
        }
        Map<String, Object> outputs = state.map(State::outputs).orElse(Map.of());
        if (name == null) {
            if (output.json()) {
                out.print(json(outputs));
            } else {
                print(outputs, out);
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (!outputs.containsKey(name)) {
            List<String> near = CloseMatches.among(name, outputs.keySet());
            throw ScaffoldException.failure("no output named '" + name + "'"
                    + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)")
                    + "; the stack has: " + (outputs.isEmpty() ? "none" : String.join(", ", outputs.keySet())));
        }
        Object value = SensitiveValues.shown(outputs.get(name));
        if (output.json()) {
            out.print(json(value));
        } else {
            out.println(value);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The outputs one per line, {@code name = value}, as {@code scaffold output} and apply print them; one the
     * state holds only as a digest prints as {@code (sensitive)}.
     */
    static void print(Map<String, Object> outputs, PrintWriter out) {
        outputs.forEach((key, value) -> out.println(key + " = " + SensitiveValues.shown(value)));
    }

    private static String json(Map<String, Object> outputs) {
        Map<String, Object> shown = new LinkedHashMap<>(outputs);
        shown.replaceAll((key, value) -> SensitiveValues.shown(value));
        return json((Object) shown);
    }

    private static String json(Object value) {
        return PrettyJson.write(PrettyJson.mapper().valueToTree(value));
    }
}
