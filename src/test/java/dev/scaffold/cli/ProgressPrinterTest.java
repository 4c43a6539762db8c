package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.apply.ChangeFailure;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.plan.Action;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static final int COLUMNS = 40;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTicking() {
        scheduler.shutdownNow();
    }

    @Test
    void theLiveLineIsCutToTheWidthAndLeavesNoStaleRowsBehind() {
        FakeScreen screen = new FakeScreen(COLUMNS);
        ProgressPrinter progress = ProgressPrinter.live(
                new StatusLine(new PrintWriter(screen, true), COLUMNS, true), scheduler);
        ResourceAddress alb = ResourceAddress.parse("loadBalancers.web.alb");
        ResourceAddress group = ResourceAddress.parse("loadBalancers.web.target-group");
        ResourceAddress listener = ResourceAddress.parse("loadBalancers.web.listener-https");

        progress.started(alb, Action.CREATE);
        progress.started(group, Action.CREATE);
        progress.redrawStatus();
        List<String> whileBothRun = screen.rows();
        progress.finished(group, Action.CREATE, Duration.ofSeconds(2));
        progress.started(listener, Action.CREATE);
        progress.redrawStatus();
        progress.finished(alb, Action.CREATE, Duration.ofSeconds(95));
        progress.finished(listener, Action.CREATE, Duration.ofSeconds(3));
        progress.redrawStatus();
        progress.close();

        assertThat(whileBothRun.get(whileBothRun.size() - 1)).startsWith("  in flight: loadBalancers.web.a")
                .endsWith("…").hasSize(COLUMNS - 1);
        // Lasting lines wrap as a terminal wraps them; the live line is gone and left nothing behind.
        assertThat(screen.rows()).containsExactlyElementsOf(wrapped(
                "loadBalancers.web.alb: creating…",
                "loadBalancers.web.target-group: creating…",
                "loadBalancers.web.target-group: created after 2s",
                "loadBalancers.web.listener-https: creating…",
                "loadBalancers.web.alb: created after 1m35s",
                "loadBalancers.web.listener-https: created after 3s"));
        assertThat(screen.rows()).noneMatch(row -> row.length() > COLUMNS);
    }

    @Test
    void theLiveLineNeverNamesAChangeThatHasFinished() {
        FakeScreen screen = new FakeScreen(120);
        ProgressPrinter progress = ProgressPrinter.live(new StatusLine(new PrintWriter(screen, true), 120, true),
                scheduler);
        ResourceAddress alb = ResourceAddress.parse("loadBalancers.web.alb");
        ResourceAddress group = ResourceAddress.parse("loadBalancers.web.target-group");
        progress.started(alb, Action.CREATE);
        progress.started(group, Action.CREATE);
        progress.redrawStatus();

        progress.finished(group, Action.CREATE, Duration.ofSeconds(2));
        String afterOne = last(screen.rows());
        progress.failed(alb, Action.CREATE, Duration.ofSeconds(3), new ChangeFailure(alb, "CreateLoadBalancer",
                "Throttling", "slow down", null));
        String afterBoth = last(screen.rows());
        progress.close();

        assertThat(afterOne).startsWith("  in flight: loadBalancers.web.alb ").doesNotContain("target-group");
        assertThat(afterBoth).isEmpty();
    }

    private static String last(List<String> rows) {
        return rows.get(rows.size() - 1);
    }

    @Test
    void aFailuresMessageIsPrintedMaskedForAwsMayRepeatWhatARequestCarried() {
        List<String> lines = new ArrayList<>();
        ProgressPrinter progress = ProgressPrinter.lines(lines::add, text -> text.replace("TOPSECRET", "(sensitive)"));
        ResourceAddress alb = ResourceAddress.parse("loadBalancers.web.alb");

        progress.failed(alb, Action.CREATE, Duration.ofSeconds(2), new ChangeFailure(alb, "AddTags", "ValidationError",
                "Value 'TOPSECRET' at 'tags.1.member.value' failed to satisfy constraint", null));

        assertThat(lines).containsExactly("loadBalancers.web.alb: failed after 2s: AddTags failed: ValidationError:"
                + " Value '(sensitive)' at 'tags.1.member.value' failed to satisfy constraint");
    }

    @Test
    void whatAHandlerTellsTheUserIsALineOfItsResourcesProgress() {
        List<String> lines = new ArrayList<>();
        ProgressPrinter progress = ProgressPrinter.lines(lines::add);
        ResourceAddress certificate = ResourceAddress.parse("loadBalancers.web.certificate");

        progress.told(certificate, "create the DNS record _x1.shop.example.com CNAME _y2.acm-validations.aws");

        assertThat(lines).containsExactly("loadBalancers.web.certificate: create the DNS record _x1.shop.example.com"
                + " CNAME _y2.acm-validations.aws");
    }

    @Test
    void anInterruptedChangeSaysItStoppedWaitingAndWhatWasKept() {
        List<String> lines = new ArrayList<>();
        ProgressPrinter progress = ProgressPrinter.lines(lines::add);
        ResourceAddress alb = ResourceAddress.parse("loadBalancers.web.alb");

        progress.started(alb, Action.CREATE);
        progress.interrupted(alb, Action.CREATE, Duration.ofSeconds(40));

        assertThat(lines).containsExactly("loadBalancers.web.alb: creating…",
                "loadBalancers.web.alb: stopped waiting after 40s; what AWS made is recorded");
    }

    /** The rows these lines fill on a screen {@link #COLUMNS} wide, and the empty row the cursor ends on. */
    private static List<String> wrapped(String... lines) {
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            for (int start = 0; start < line.length(); start += COLUMNS) {
                rows.add(line.substring(start, Math.min(line.length(), start + COLUMNS)).stripTrailing());
            }
        }
        rows.add("");
        return rows;
    }

    @Test
    void withoutUnicodeTheCutLineEndsInThreeDotsAndStillFits() {
        StatusLine status = new StatusLine(new PrintWriter(new FakeScreen(COLUMNS), true), COLUMNS, false);

        String fitted = status.fit("  in flight: loadBalancers.web.alb 1m5s, loadBalancers.web.listener-https 3s");

        assertThat(fitted).endsWith("...").hasSize(COLUMNS - 1);
        assertThat(status.fit("short")).isEqualTo("short");
    }

    @Test
    void withoutATerminalEveryEventIsALineAndLongWaitsAreReported() {
        List<String> lines = new ArrayList<>();
        ProgressPrinter progress = ProgressPrinter.lines(lines::add);
        ResourceAddress alb = ResourceAddress.parse("loadBalancers.web.alb");

        progress.started(alb, Action.CREATE);
        progress.stillRunning(alb, Action.CREATE, Duration.ofSeconds(90));
        progress.finished(alb, Action.CREATE, Duration.ofSeconds(95));
        progress.close();

        assertThat(lines).containsExactly("loadBalancers.web.alb: creating…",
                "loadBalancers.web.alb: still creating… 1m30s", "loadBalancers.web.alb: created after 1m35s");
    }
}
