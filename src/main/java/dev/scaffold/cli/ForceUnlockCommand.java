package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.state.LockInfo;
import dev.scaffold.state.StateStore;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaffold force-unlock ID}: removes the lock of a run that died, after confirmation. */
@Command(name = "force-unlock", mixinStandardHelpOptions = true,
        description = {"Removes the state lock of a run that is gone (killed, or its machine lost).",
                "ID is the lock id the locked-state message names. Asks for 'yes'; --force does not.",
                "A lock that a running process holds is never removed."})
public final class ForceUnlockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaffoldCommand root;

    @Mixin
    BlueprintOptions blueprint;

    @Parameters(index = "0", paramLabel = "ID", description = "The id of the lock to remove.")
    String id;

    @Option(names = "--force", description = "Remove the lock without asking.")
    boolean force;

    @Override
    public Integer call() {
        Terminal terminal = root.terminal();
        PrintWriter out = spec.commandLine().getOut();
        StateStore store = StackSession.stateStore(terminal, blueprint);
        // Without a name there is nothing to show or confirm; the store decides whether it may go.
        Optional<LockInfo> holder = store.lockHolder();
        if (!force && holder.isPresent()) {
            if (!terminal.interactive()) {
                throw ScaffoldException.failure("refusing to remove the lock without confirmation: there is"
                        + " no terminal to ask on; pass --force once you are sure the run is gone");
            }
            out.println("The lock on the state " + store.location() + " names " + holder.get().describe() + ".");
            out.println("Removing the lock of a run that is still going can corrupt the state.");
            if (!terminal.confirmed("Remove the lock?", spec.commandLine().getErr())) {
                throw ScaffoldException.failure("cancelled: the lock is still there");
            }
        }
        store.forceUnlock(id);
        out.println("Removed the lock " + id + " from " + store.location() + ".");
        return ExitCodes.OK;
    }
}
