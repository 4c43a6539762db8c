package dev.scaffold.cli;

import dev.scaffold.apply.ChangeFailure;
import dev.scaffold.apply.ProgressListener;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Prints an apply's progress: a line per change started and finished and, for a change that
 * takes long, a "still creating… 1m30s" line. On a terminal a live status line under them shows
 * every change in flight with its elapsed time instead.
 */
final class ProgressPrinter implements ProgressListener, AutoCloseable {

    private final Consumer<String> lines;
    private final StatusLine status;
    private final UnaryOperator<String> masked;
    private final Map<ResourceAddress, Instant> inFlight = new TreeMap<>();
    private final ScheduledFuture<?> ticker;

    private ProgressPrinter(Consumer<String> lines, StatusLine status, ScheduledExecutorService scheduler,
                            UnaryOperator<String> masked) {
        this.lines = lines;
        this.status = status;
        this.masked = masked;
        this.ticker = status != null ? scheduler.scheduleAtFixedRate(this::redrawStatus, 1, 1, TimeUnit.SECONDS) : null;
    }

    /** Progress as lines alone, for a pipe, a file or stderr. */
    static ProgressPrinter lines(Consumer<String> lines) {
        return lines(lines, UnaryOperator.identity());
    }

    /**
     * As {@link #lines(Consumer)}, with what a failure's message is printed as: AWS may repeat in one what
     * a request carried, a sensitive value among it.
     */
    static ProgressPrinter lines(Consumer<String> lines, UnaryOperator<String> masked) {
        return new ProgressPrinter(lines, null, null, masked);
    }

    /** Progress with a live status line under the lines, redrawn every second, for a terminal. */
    static ProgressPrinter live(StatusLine status, ScheduledExecutorService scheduler) {
        return live(status, scheduler, UnaryOperator.identity());
    }

    /** As {@link #live(StatusLine, ScheduledExecutorService)}, with what a failure's message is printed as. */
    static ProgressPrinter live(StatusLine status, ScheduledExecutorService scheduler, UnaryOperator<String> masked) {
        return new ProgressPrinter(status::printAbove, status, scheduler, masked);
    }

    @Override
    public synchronized void started(ResourceAddress address, Action action) {
        inFlight.put(address, Instant.now());
        say(address + ": " + gerund(action) + "…");
    }

    @Override
    public synchronized void finished(ResourceAddress address, Action action, Duration elapsed) {
        inFlight.remove(address);
        say(address + ": " + pastTense(action) + " after " + format(elapsed));
    }

    @Override
    public synchronized void failed(ResourceAddress address, Action action, Duration elapsed, ChangeFailure failure) {
        inFlight.remove(address);
        say(address + ": failed after " + format(elapsed) + ": " + masked.apply(failure.what()));
    }

    @Override
    public synchronized void interrupted(ResourceAddress address, Action action, Duration elapsed) {
        inFlight.remove(address);
        say(address + ": stopped waiting after " + format(elapsed) + "; what AWS made is recorded");
    }

    @Override
    public synchronized void stillRunning(ResourceAddress address, Action action, Duration elapsed) {
        if (status == null) {
            lines.accept(address + ": still " + gerund(action) + "… " + format(elapsed));
        }
    }

    @Override
    public synchronized void told(ResourceAddress address, String message) {
        lines.accept(address + ": " + masked.apply(message));
    }

    @Override
    public synchronized void skipped(ResourceAddress address, Action action, ResourceAddress failedDependency) {
        lines.accept(address + ": not started, because " + failedDependency + " failed");
    }

    /**
     * Prints a lasting line; on a terminal the live line under it is drawn anew at once, so that it never names a
     * change that has just finished, nor leaves out one that has just started.
     */
    private void say(String line) {
        if (status == null) {
            lines.accept(line);
        } else {
            status.printAbove(line, statusText());
        }
    }

    /** Prints a line of the run's own, e.g. that Ctrl-C was heard. */
    synchronized void note(String text) {
        lines.accept(text);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (status != null) {
            status.clear();
        }
    }

    /** Shows what is in flight now, e.g. {@code in flight: loadBalancers.web.alb 1m5s, …}. */
    synchronized void redrawStatus() {
        status.show(statusText());
    }

    /** What the live line shows now: every change in flight with its elapsed time, or nothing. */
    private String statusText() {
        Instant now = Instant.now();
        StringJoiner text = new StringJoiner(", ", "  in flight: ", "");
        inFlight.forEach((address, since) -> text.add(address + " " + format(Duration.between(since, now))));
        return inFlight.isEmpty() ? "" : text.toString();
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
