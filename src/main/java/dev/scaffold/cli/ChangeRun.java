package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.apply.CancellationToken;
import dev.scaffold.apply.DurationEstimate;
import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.ResourceOutcome;
import dev.scaffold.engine.Applier;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.Protection;
import dev.scaffold.report.ApplyResultJsonRenderer;
import dev.scaffold.state.State;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * Confirms and carries out a plan for apply and destroy, printing progress and the outcome: as text
 * with the stack's outputs, or with {@code --json} as the result document of docs/apply-json.md.
 */
final class ChangeRun {

    private final StackSession session;
    private final Terminal terminal;
    private final OutputOptions output;
    private final boolean color;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Messages messages;
    /** Where progress and the outcome go: stdout, or stderr with --json so stdout holds only the result. */
    private final Consumer<String> narration;
    /** The exact command that runs this change again, its options included, for hints. */
    private final String again;
    /** The exact command that applies the blueprint this change comes from, e.g. to lower a protection first. */
    private final String applyBlueprint;
    /** What AWS's error messages are printed as: they may repeat a sensitive value a request carried. */
    private final Redaction redaction;

    /**
     * @param again the exact command that runs this change again, e.g. {@code scaffold destroy -f shop.yaml -e prod}
     * @param applyBlueprint the exact command that applies the blueprint, e.g. {@code scaffold apply -f shop.yaml -e prod}
     */
    ChangeRun(StackSession session, ScaffoldCommand root, OutputOptions output, CommandLine commandLine, String again,
              String applyBlueprint) {
        this.again = again;
        this.applyBlueprint = applyBlueprint;
        this.session = session;
        this.terminal = root.terminal();
        this.output = output;
        this.color = root.color();
        this.out = commandLine.getOut();
        this.err = commandLine.getErr();
        this.messages = root.messages(commandLine);
        this.redaction = root.redaction();
        this.narration = output.json() ? messages::progress : out::println;
    }

    /**
     * With {@code --json} nothing is asked, so the run must be approved already. Otherwise a usage
     * error, before any work, saying {@code howToApprove}.
     */
    static void checkJsonNeedsNoQuestion(CommandLine commandLine, OutputOptions output, boolean approved,
                                         String howToApprove) {
        if (output.json() && !approved) {
            throw new ParameterException(commandLine, "--json prints a result document and asks no question: "
                    + howToApprove);
        }
    }

    /**
     * Plans in {@code mode}, shows the plan and, when there is something to do and the user agrees,
     * carries it out: apply and destroy without a saved plan.
     */
    int planConfirmAndExecute(PlanMode mode, PlanningOptions planning, State prior, String what, boolean autoApprove) {
        Plan plan = session.plan(prior, planning.options(mode, session.stack(), prior), planning.parallelism);
        if (!output.json()) {
            PlanOutput.print(plan, PlanOutput.Format.text, color, planning.refresh(), out);
        }
        refuseWhatCannotFinish(plan);
        if (!plan.needsApply()) {
            State current = Applier.startingState(plan, prior);
            return report(plan, new ExecutionResult(List.of(), current, false, Duration.ZERO, null));
        }
        confirm(what, autoApprove);
        return execute(plan, prior, planning.parallelism);
    }

    /** Asks for {@code yes} on a terminal; without one, only {@code --auto-approve} lets the run go on. */
    void confirm(String what, boolean autoApprove) {
        if (autoApprove) {
            return;
        }
        if (!terminal.interactive()) {
            throw ScaffoldException.failure("refusing to " + what + " without confirmation: there is no terminal"
                    + " to ask on; review the plan and pass --auto-approve");
        }
        out.println();
        out.flush();
        if (!terminal.confirmed("Do you want to " + what + "?", err)) {
            throw ScaffoldException.failure("cancelled: nothing was changed");
        }
    }

    /**
     * Refuses, before any change, a plan that cannot finish: one that would delete a resource whose
     * deletion protection is on (AWS would refuse that delete half way through, so the message names
     * the setting to turn off first), or create one whose name a resource of another state holds.
     */
    void refuseWhatCannotFinish(Plan plan) {
        refuseProductionDestroy(plan);
        refuseProtectedDeletes(plan);
        Applier.refuseClashes(plan);
    }

    /** A saved destroy plan of a production environment is refused as {@code scaffold destroy} refuses it. */
    private void refuseProductionDestroy(Plan plan) {
        if (plan.mode() == PlanMode.DESTROY && plan.production() && plan.hasChanges()) {
            throw ScaffoldException.failure(Protections.productionRefusal(session.stack(), applyBlueprint, again));
        }
    }

    private void refuseProtectedDeletes(Plan plan) {
        if (plan.protectedDeletes().isEmpty()) {
            return;
        }
        String which = plan.protectedDeletes().stream()
                .map(p -> p.address() + " (" + p.attribute() + " is on)").collect(Collectors.joining(", "));
        boolean destroy = plan.mode() == PlanMode.DESTROY;
        throw ScaffoldException.failure((destroy ? "destroy" : "apply") + " refused: it would delete " + which
                + ", which deletion protection keeps; nothing was changed. "
                + Protections.howToLower(session.stack(), applyBlueprint, plan.protectedDeletes().stream()
                        .collect(Collectors.toMap(Protection::address, Protection::attribute)))
                + (destroy ? ", then run: " + again : ""));
    }

    /** Executes the plan; returns 0 when every change was made, 1 when some failed, 130 when interrupted. */
    int execute(Plan plan, State prior, int parallelism) {
        refuseWhatCannotFinish(plan);
        State start = Applier.startingState(plan, prior);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads());
        CancellationToken cancellation = new CancellationToken();
        // The live line only where progress goes to a screen: stdout on a terminal, without --json.
        ProgressPrinter progress = !output.json() && terminal.onScreen()
                ? ProgressPrinter.live(new StatusLine(out, terminal.columns(), terminal.unicode()), scheduler,
                        redaction::apply)
                : ProgressPrinter.lines(narration, redaction::apply);
        DurationEstimate estimate = DurationEstimate.of(session.handlers().types());
        if (!output.json()) {
            out.println();
        }
        long changes = plan.changes().stream().filter(change -> change.action().isChange()).count();
        if (changes > 0) {
            narration.accept("Starting " + changes + (changes == 1 ? " change, " : " changes, ")
                    + estimate.estimate(plan).describe());
        }
        ExecutionRequest request = ExecutionRequest.of(plan, session.handlers(), start, session.store(), scheduler)
                .withParallelism(parallelism)
                .withProgress(progress)
                .withCancellation(cancellation)
                .withEstimate(estimate);
        ExecutionResult result;
        Interrupts.Registration onStop = Interrupts.onInterrupt(() -> {
            cancellation.cancel();
            progress.note("interrupted: starting nothing new, waiting for calls in flight, then saving the state");
        });
        try (onStop) {
            result = new Applier().apply(session.stack(), request);
        } finally {
            progress.close();
            scheduler.shutdownNow();
        }
        return onStop.exitCode(report(plan, result));
    }

    private int report(Plan plan, ExecutionResult result) {
        for (ResourceOutcome failure : result.failures()) {
            messages.error(failure.describe());
        }
        if (result.stateFailure() != null) {
            messages.error(result.stateFailure().message());
        }
        String verb = plan.mode() == PlanMode.DESTROY ? "Destroy" : "Apply";
        int exitCode;
        if (result.interrupted()) {
            narrate(verb + " interrupted after " + summary(result) + ". The state holds every change made;"
                    + " to finish, run: " + again);
            exitCode = ExitCodes.INTERRUPTED;
        } else if (!result.failures().isEmpty() || result.stateFailure() != null) {
            narrate(verb + " failed: " + summary(result) + ". The state holds every change made;"
                    + " fix the cause and run: " + again);
            exitCode = ExitCodes.FAILURE;
        } else {
            if (!result.outcomes().isEmpty()) {
                narrate(verb + " complete: " + summary(result) + ".");
            }
            if (!output.json() && plan.mode() != PlanMode.DESTROY && !result.state().outputs().isEmpty()) {
                out.println();
                out.println("Outputs:");
                OutputCommand.print(result.state().outputs(), out);
            }
            exitCode = ExitCodes.OK;
        }
        if (output.json()) {
            out.print(new ApplyResultJsonRenderer(redaction::apply).render(plan, result));
        }
        out.flush();
        return exitCode;
    }

    private void narrate(String line) {
        if (!output.json()) {
            out.println();
        }
        narration.accept(line);
    }

    private static String summary(ExecutionResult result) {
        return result.count(ResourceOutcome.Status.DONE) + " done, "
                + result.count(ResourceOutcome.Status.FAILED) + " failed, "
                + (result.count(ResourceOutcome.Status.SKIPPED) + result.count(ResourceOutcome.Status.NOT_STARTED)
                + result.count(ResourceOutcome.Status.INTERRUPTED))
                + " not started, in "
                + ProgressPrinter.format(result.elapsed());
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "scaffold-apply");
            thread.setDaemon(true);
            return thread;
        };
    }
}
