package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.blueprint.StackIdentity;
import dev.scaffold.blueprint.StateBackend;
import dev.scaffold.blueprint.Variable;
import dev.scaffold.blueprint.Waiver;
import dev.scaffold.components.Components;
import dev.scaffold.components.SensitiveMarks;
import dev.scaffold.engine.PlanOptions;
import dev.scaffold.engine.Planner;
import dev.scaffold.engine.Stack;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Plan;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.provider.aws.CallerAccount;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.LocalStateStore;
import dev.scaffold.state.State;
import dev.scaffold.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a stack command works with, opened from its options: the loaded stack, its state store,
 * and, only when the command talks to AWS, the clients and handlers.
 */
final class StackSession implements AutoCloseable {

    private final Terminal terminal;
    private final Stack stack;
    private final StateStore store;
    private final AwsOptions aws;
    private AwsClients clients;
    private HandlerRegistry handlers;
    private DiffInput.Location location;

    private StackSession(Terminal terminal, Stack stack, StateStore store, AwsOptions aws) {
        this.terminal = terminal;
        this.stack = stack;
        this.store = store;
        this.aws = aws;
    }

    /**
     * Loads and expands the blueprint and finds its state, next to the blueprint file. From then on the
     * run's logs and messages mask the values of the blueprint's sensitive variables.
     *
     * @param aws the AWS options, or {@code null} for a command that never calls AWS
     */
    static StackSession open(ScaffoldCommand root, BlueprintOptions blueprint, AwsOptions aws, Messages messages) {
        return open(root, blueprint.request(), aws, messages);
    }

    /**
     * As {@link #open(ScaffoldCommand, BlueprintOptions, AwsOptions, Messages)}, for what a saved plan names, or for
     * a command that needs no variable values ({@link LoadRequest#withUnknownValues()}). The blueprint's warnings
     * go to {@code messages}.
     */
    static StackSession open(ScaffoldCommand root, LoadRequest request, AwsOptions aws, Messages messages) {
        Terminal terminal = root.terminal();
        Blueprint loaded = new BlueprintLoader(terminal.environment()).load(request);
        root.redaction().alsoMask(SensitiveMarks.of(loaded).texts());
        loaded.warnings().forEach(warning -> messages.warning(warning.toString()));
        if (aws != null && !aws.regionGiven() && !StackIdentity.isRegionName(loaded.region())) {
            // Only a variable without a value leaves the region unknown; no AWS call can go without one.
            throw ScaffoldException.invalidInput(loaded.file() + ": the region is " + loaded.region() + ", a variable"
                    + " without a value; this command calls AWS and needs it: give it with --var, or give --region");
        }
        List<String> unbuilt = unbuilt(loaded);
        if (!unbuilt.isEmpty()) {
            throw ScaffoldException.invalidInput(loaded.file() + ": " + String.join("; ", unbuilt));
        }
        Stack stack = Stack.of(loaded, new Components().expansion(loaded));
        return new StackSession(terminal, stack, storeBeside(loaded.file(), stack.name(), stack.environment()), aws);
    }

    /**
     * The sections that validate accepts but that no command carries out yet, refused rather than
     * ignored: a run would silently do other than the blueprint says.
     */
    private static List<String> unbuilt(Blueprint loaded) {
        List<String> unbuilt = new ArrayList<>();
        if (loaded.state().kind() != StateBackend.Kind.LOCAL) {
            unbuilt.add("state backend '" + loaded.state().kind().name().toLowerCase(Locale.ROOT) + "' is not supported yet;"
                    + " remove the state section to keep the state in .scaffold/ next to the blueprint");
        }
        if (!loaded.moved().isEmpty()) {
            unbuilt.add("moved is not supported yet, so a renamed tier's resources would be replaced, not moved ("
                    + loaded.moved().stream().map(move -> move.from() + " → " + move.to()).collect(Collectors.joining(", "))
                    + "); keep the old tier names and remove the moved entries for now");
        }
        if (!loaded.policy().waivers().isEmpty()) {
            unbuilt.add("policy.waive is not supported yet: no policy rule is checked so far, so there is nothing to waive ("
                    + loaded.policy().waivers().stream().map(Waiver::rule).collect(Collectors.joining(", "))
                    + "); remove the waivers for now");
        }
        return unbuilt;
    }

    /**
     * The state store of the stack a blueprint describes, found without loading the whole blueprint:
     * commands that only read the state need no variable values and make no AWS call.
     */
    static StateStore stateStore(Terminal terminal, BlueprintOptions blueprint) {
        StackIdentity stack = new BlueprintLoader(terminal.environment()).identify(blueprint.request());
        return storeBeside(stack.file(), stack.name(), stack.environment());
    }

    /** The state lives beside the blueprint, so it is the same whatever directory scaffold runs in. */
    private static StateStore storeBeside(Path blueprintFile, String stack, String environment) {
        return new LocalStateStore(blueprintFile.toAbsolutePath().getParent(), stack, environment);
    }

    Stack stack() {
        return stack;
    }

    /**
     * The options of this run as the user gave them, for hints that print a command to paste: the blueprint's
     * ({@code -f}, {@code -e}, {@code --var-file}, {@code --var} but a sensitive one's) and AWS's.
     */
    String given(BlueprintOptions blueprint, AwsOptions aws) {
        Set<String> sensitive = stack.blueprint().variables().values().stream().filter(Variable::sensitive)
                .map(Variable::name).collect(Collectors.toSet());
        return blueprint.given(sensitive) + aws.given();
    }

    StateStore store() {
        return store;
    }

    Optional<State> state() {
        return store.read();
    }

    /** The stored state for a run that will write it, refused when no write could follow it. */
    Optional<State> stateToWrite() {
        return store.readForWriting();
    }

    /** The handlers of every resource type, on clients built on first use. */
    HandlerRegistry handlers() {
        if (handlers == null) {
            if (aws == null) {
                throw new IllegalStateException("this command does not talk to AWS");
            }
            clients = new AwsClients(aws.settings(stack.blueprint().region(), terminal.environment()));
            handlers = AwsProvider.handlers(clients);
        }
        return handlers;
    }

    Planner planner(int parallelism) {
        return new Planner(handlers(), new Refresher(handlers(), parallelism));
    }

    /** Plans the stack against its stored state, in the region and account this run works in. */
    Plan plan(State prior, PlanOptions options, int parallelism) {
        return planner(parallelism).plan(stack, prior, location(), options);
    }

    /** The region the clients work in and the account the credentials belong to (one STS call, once). */
    DiffInput.Location location() {
        if (location == null) {
            handlers();
            location = new DiffInput.Location(clients.settings().region().id(), CallerAccount.id(clients));
        }
        return location;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }
}
