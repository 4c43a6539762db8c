package dev.scaffold.cli;

import dev.scaffold.apply.ChangeFailure;
import dev.scaffold.apply.ProgressListener;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;

/**
 * Prints an apply's progress: a line per change started and finished and, for a change that
 * takes long, a "still creating… 1m30s" line. On a terminal a live status line under them shows
 * every change in flight with its elapsed time.
 */
final class ProgressPrinter implements ProgressListener, AutoCloseable {

    private static final String CLEAR_LINE = "\r\u001b[2K";

    private final PrintWriter out;
    private final boolean live;
    private final Map<ResourceAddress, Instant> inFlight = new TreeMap<>();
    private final ScheduledFuture<?> ticker;
    private String statusLine = "";

    ProgressPrinter(PrintWriter out, boolean live, ScheduledExecutorService scheduler) {
        this.out = out;
        this.live = live;
        this.ticker = live ? scheduler.scheduleAtFixedRate(this::redrawStatus, 1, 1, TimeUnit.SECONDS) : null;
    }

    @Override
    public synchronized void started(ResourceAddress address, Action action) {
        inFlight.put(address, Instant.now());
        line(address + ": " + gerund(action) + "…");
    }

    @Override
    public synchronized void finished(ResourceAddress address, Action action, Duration elapsed) {
        inFlight.remove(address);
        line(address + ": " + pastTense(action) + " after " + format(elapsed));
    }

    @Override
    public synchronized void failed(ResourceAddress address, Action action, Duration elapsed, ChangeFailure failure) {
        inFlight.remove(address);
        line(address + ": failed after " + format(elapsed) + ": " + failure.describe());
    }

    @Override
    public synchronized void stillRunning(ResourceAddress address, Action action, Duration elapsed) {
        if (!live) {
            line(address + ": still " + gerund(action) + "… " + format(elapsed));
        }
    }

    @Override
    public synchronized void skipped(ResourceAddress address, Action action, ResourceAddress failedDependency) {
        line(address + ": not started, because " + failedDependency + " failed");
    }

    /** Prints a line of the run's own, e.g. that Ctrl-C was heard. */
    synchronized void note(String text) {
        line(text);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (live && !statusLine.isEmpty()) {
            out.print(CLEAR_LINE);
            statusLine = "";
        }
        out.flush();
    }

    private void line(String text) {
        if (live && !statusLine.isEmpty()) {
            out.print(CLEAR_LINE);
        }
        out.println(text);
        if (live) {
            out.print(statusLine);
        }
        out.flush();
    }

    private synchronized void redrawStatus() {
        Instant now = Instant.now();
        StringJoiner status = new StringJoiner(", ", "  in flight: ", "");
        inFlight.forEach((address, since) -> status.add(address + " " + format(Duration.between(since, now))));
        statusLine = inFlight.isEmpty() ? "" : status.toString();
        out.print(CLEAR_LINE + statusLine);
        out.flush();
    }

    /** A duration as a person says it: {@code 4s}, {@code 1m30s}, {@code 1h2m}. */
    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        return seconds / 3600 + "h" + (seconds % 3600 / 60) + "m";
    }

    private static String gerund(Action action) {
        return switch (action) {
            case CREATE -> "creating";
            case UPDATE -> "updating";
            case DELETE -> "deleting";
            case CREATE_THEN_DELETE, DELETE_THEN_CREATE -> "replacing";
            case NO_OP -> "checking";
        };
    }

    private static String pastTense(Action action) {
        return switch (action) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
            case CREATE_THEN_DELETE, DELETE_THEN_CREATE -> "replaced";
            case NO_OP -> "checked";
        };
    }
}
