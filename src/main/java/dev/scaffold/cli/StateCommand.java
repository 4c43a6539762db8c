package dev.scaffold.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.CloseMatches;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.PrettyJson;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import dev.scaffold.state.StateStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code scaffold state list|show}: looks into what the stack's state records. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Shows what the stack's state records (list, show); no AWS call.",
        subcommands = {StateCommand.ListCommand.class, StateCommand.ShowCommand.class})
public final class StateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list or show");
    }

    /** The stored state, or a failure saying there is none yet. */
    static State read(StateStore store) {
        return store.read().orElseThrow(() -> ScaffoldException.failure(
                "there is no state at " + store.location() + " yet; run scaffold apply first"));
    }

    /** {@code scaffold state list}: one address per line. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the addresses the state holds; nothing before the first apply.")
    static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        StateCommand state;

        @Mixin
        BlueprintOptions blueprint;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            StateStore store = StackSession.stateStore(state.root.terminal(), blueprint);
            Optional<State> current = store.read();
            if (current.isEmpty()) {
                state.root.messages(spec.commandLine()).note("there is no state at " + store.location()
                        + " yet, so it holds nothing; run scaffold apply first");
            }
            List<ResourceState> resources = current.map(s -> List.copyOf(s.resources().values())).orElse(List.of());
            if (output.json()) {
                out.print(json(resources));
            } else {
                for (ResourceState resource : resources) {
                    out.println(resource.address() + (resource.status() == ResourceStatus.TAINTED ? " (tainted)" : ""));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        /** One object per resource: its address, type, physical id, ARN and status; {@code []} without a state. */
        private static String json(List<ResourceState> resources) {
            ArrayNode list = PrettyJson.mapper().createArrayNode();
            for (ResourceState resource : resources) {
                ObjectNode node = list.addObject();
                node.put("address", resource.address().toString());
                node.put("type", resource.type());
                node.put("physicalId", resource.physicalId());
                node.put("arn", resource.arn());
                node.put("status", resource.status().name().toLowerCase(Locale.ROOT));
            }
            return PrettyJson.write(list);
        }
    }

    /** {@code scaffold state show ADDRESS}: one resource in full. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one resource the state holds.")
    static final class ShowCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        StateCommand state;

        @Mixin
        BlueprintOptions blueprint;

        @Parameters(index = "0", paramLabel = "ADDRESS", converter = ResourceAddressConverter.class,
                description = "e.g. loadBalancers.web.alb")
        ResourceAddress address;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            State current = read(StackSession.stateStore(state.root.terminal(), blueprint));
            ResourceState resource = current.resources().get(address);
            if (resource == null) {
                List<String> near = CloseMatches.among(address.toString(),
                        current.resources().keySet().stream().map(Object::toString).toList());
                throw ScaffoldException.failure("the state holds no " + address
                        + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)")
                        + "; see scaffold state list");
            }
            out.println("# " + resource.address() + " (" + resource.type() + ")");
            out.println("id     = " + resource.physicalId());
            if (resource.arn() != null) {
                out.println("arn    = " + resource.arn());
            }
            out.println("status = " + resource.status().name().toLowerCase(Locale.ROOT));
            resource.attributes().forEach((key, value) -> out.println(key + " = " + value));
            if (!resource.dependencies().isEmpty()) {
                out.println("depends on: " + resource.dependencies());
            }
            return ExitCodes.OK;
        }
    }
}
