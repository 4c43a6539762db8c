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
import dev.scaffold.state.State;
import java.io.PrintWriter;
import java.util.concurrent.ThreadFactory;
import picocli.CommandLine;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Confirms and carries out a plan for apply and destroy, printing progress and the outcome. */
final class ChangeRun {

    private final StackSession session;
    private final Terminal terminal;
    private final OutputOptions output;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Where progress and the outcome go: stdout, or stderr with --json so stdout holds only the plan. */
    private final PrintWriter narration;

    ChangeRun(StackSession session, Terminal terminal, OutputOptions output, CommandLine commandLine) {
        this.session = session;
        this.terminal = terminal;
        this.output = output;
        this.out = commandLine.getOut();
        this.err = commandLine.getErr();
        this.narration = output.json() ? err : out;
    }

    /**
     * Plans in {@code mode}, shows the plan and, when there is something to do and the user agrees,
     * carries it out: apply and destroy without a saved plan.
     */
    int planConfirmAndExecute(PlanMode mode, PlanningOptions planning, State prior, String what, boolean autoApprove) {
        Plan plan = session.plan(prior, planning.options(mode), planning.parallelism);
        PlanOutput.print(plan, PlanOutput.Format.of(output), output, terminal, out);
        if (!plan.needsApply()) {
            return ExitCodes.OK;
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
        if (!terminal.confirmed("Do you want to " + what + "?")) {
            throw ScaffoldException.failure("cancelled: nothing was changed");
        }
    }

    /** Executes the plan; returns 0 when every change was made, 1 when some failed, 130 when interrupted. */
    int execute(Plan plan, State prior, int parallelism) {
        State start = Applier.startingState(plan, prior);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads());
        CancellationToken cancellation = new CancellationToken();
        ProgressPrinter progress = new ProgressPrinter(narration, terminal.interactive(), scheduler);
        DurationEstimate estimate = DurationEstimate.typical();
        narration.println();
        long changes = plan.changes().stream().filter(change -> change.action().isChange()).count();
        if (changes > 0) {
            narration.println("Starting " + changes + " changes, " + estimate.estimate(plan).describe());
        }
        ExecutionRequest request = ExecutionRequest.of(plan, session.handlers(), start, session.store(), scheduler)
                .withParallelism(parallelism)
                .withProgress(progress)
                .withCancellation(cancellation)
                .withEstimate(estimate);
        ExecutionResult result;
        Interrupts.Registration onStop = Interrupts.onInterrupt(() -> {
            cancellation.cancel();
            progress.note("Interrupted: starting nothing new, waiting for calls in flight, then saving the state.");
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
            err.println("error: " + failure.describe());
        }
        String verb = plan.mode() == PlanMode.DESTROY ? "Destroy" : "Apply";
        PrintWriter out = narration;
        out.println();
        if (result.interrupted()) {
            out.println(verb + " interrupted after " + summary(result) + ". The state holds every change made.");
            return ExitCodes.INTERRUPTED;
        }
        if (!result.failures().isEmpty()) {
            out.println(verb + " failed: " + summary(result) + ". The state holds every change made;"
                    + " fix the cause and run apply again.");
            return ExitCodes.FAILURE;
        }
        out.println(verb + " complete: " + summary(result) + ".");
        return ExitCodes.OK;
    }

    private static String summary(ExecutionResult result) {
        return result.count(ResourceOutcome.Status.DONE) + " done, "
                + result.count(ResourceOutcome.Status.FAILED) + " failed, "
                + (result.count(ResourceOutcome.Status.SKIPPED) + result.count(ResourceOutcome.Status.NOT_STARTED))
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
