package dev.scaffold.provider.aws.autoscaling;

import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshStatus;
import software.amazon.awssdk.services.autoscaling.model.RefreshStrategy;

/**
 * A rolling instance refresh that moves a group to a launch template version. The version is the refresh's desired
 * configuration, so AWS sets it on the group only once the refresh succeeds: one that fails or is cancelled leaves
 * the group on the version it had, which the next refresh reads, so the next plan shows the move again (to roll
 * forward, or to drop when the blueprint goes back). Instances already on the version are skipped, so a roll
 * forward after a failure replaces only those still to do.
 *
 * <p>The refresh is followed until it ends, its progress told to the user as it moves. AWS describes a group's
 * refreshes only one group per call, so each refresh is polled on its own. A refresh that an interrupted apply left
 * running is followed to its end before this one starts, as AWS runs one refresh of a group at a time.
 */
final class RollingUpdate {

    private static final Duration POLL = Duration.ofSeconds(15);
    /** Long enough for a warm-up of a few minutes per batch over a group of dozens of instances. */
    private static final Duration TIMEOUT = Duration.ofHours(2);
    /** How StartInstanceRefresh says that the group has a refresh that has not ended. */
    private static final Set<String> ANOTHER_RUNNING = Set.of("InstanceRefreshInProgress");
    private static final Set<InstanceRefreshStatus> ENDED = Set.of(InstanceRefreshStatus.SUCCESSFUL,
            InstanceRefreshStatus.FAILED, InstanceRefreshStatus.CANCELLED, InstanceRefreshStatus.ROLLBACK_FAILED,
            InstanceRefreshStatus.ROLLBACK_SUCCESSFUL);

    private final AwsClients aws;
    private final ApplyContext ctx;
    private final String group;

    RollingUpdate(AwsClients aws, ApplyContext ctx, String group) {
        this.aws = aws;
        this.ctx = ctx;
        this.group = group;
    }

    /**
     * Starts a refresh onto the template's version, keeping {@code minHealthyPercent} of the group in service
     * ({@code null}: AWS's default, 90), and completes when it has succeeded; fails naming the group and AWS's reason.
     * A refresh still running (one an interrupted apply started) is followed to its end first.
     */
    CompletableFuture<Void> roll(String templateId, String version, Integer minHealthyPercent) {
        return start(templateId, version, minHealthyPercent)
                .exceptionallyCompose(failure -> !AwsErrors.hasCode(failure, ANOTHER_RUNNING)
                        ? CompletableFuture.failedFuture(failure)
                        : afterTheRunningOne().thenCompose(ended -> start(templateId, version, minHealthyPercent)))
                .thenCompose(this::follow)
                .thenAccept(ended -> {
                    if (ended.status() != InstanceRefreshStatus.SUCCESSFUL) {
                        throw new HandlerException(ctx.address(), "instance refresh", null, "the instance refresh of "
                                + group + " to launch template version " + version + " ended " + ended.statusAsString()
                                + (ended.statusReason() == null ? "" : ": " + ended.statusReason())
                                + "; the group stays on its previous version: apply again to roll forward,"
                                + " or change the blueprint back", null);
                    }
                });
    }

    /** Starts the refresh; completes with its id. */
    private CompletableFuture<String> start(String templateId, String version, Integer minHealthyPercent) {
        return ApplyCalls.call(ctx, "StartInstanceRefresh", () -> AutoScalingClient.of(aws).startInstanceRefresh(r -> r
                        .autoScalingGroupName(group).strategy(RefreshStrategy.ROLLING)
                        .desiredConfiguration(c -> c.launchTemplate(t -> t.launchTemplateId(templateId).version(version)))
                        .preferences(p -> p.minHealthyPercentage(minHealthyPercent).skipMatching(true))))
                .thenApply(started -> {
                    ctx.tell("instance refresh " + started.instanceRefreshId() + " started: replacing the instances of "
                            + group + " with launch template version " + version);
                    return started.instanceRefreshId();
                });
    }

    /** Follows the group's refresh that has not ended yet, if there is one, to its end, whatever that is. */
    private CompletableFuture<Void> afterTheRunningOne() {
        return ApplyCalls.call(ctx, "DescribeInstanceRefreshes", () -> AutoScalingClient.of(aws)
                        .describeInstanceRefreshes(r -> r.autoScalingGroupName(group)))
                .thenCompose(answer -> answer.instanceRefreshes().stream()
                        .filter(refresh -> !ENDED.contains(refresh.status())).findFirst()
                        .map(running -> {
                            ctx.tell("instance refresh " + running.instanceRefreshId() + ", started before, is still"
                                    + " running: waiting for it to end before starting another");
                            return follow(running.instanceRefreshId()).<Void>thenApply(ended -> null);
                        })
                        .orElseGet(ApplyCalls::none));
    }

    /** Polls the refresh until it ends, telling the user each new percentage complete. */
    private CompletableFuture<InstanceRefresh> follow(String id) {
        AtomicReference<Integer> told = new AtomicReference<>();
        return ctx.waitUntil("instance refresh of " + group, () -> ApplyCalls.poll(ctx, "DescribeInstanceRefreshes",
                        () -> AutoScalingClient.of(aws).describeInstanceRefreshes(r -> r.autoScalingGroupName(group)
                                .instanceRefreshIds(id))).thenApply(answer -> {
                                    InstanceRefresh refresh = answer.instanceRefreshes().get(0);
                                    Integer percent = refresh.percentageComplete();
                                    if (percent != null && !percent.equals(told.getAndSet(percent))) {
                                        ctx.tell("instance refresh " + percent + "% complete, "
                                                + refresh.instancesToUpdate() + " instances left to replace");
                                    }
                                    return refresh;
                                }),
                refresh -> ENDED.contains(refresh.status()), refresh -> false, POLL, TIMEOUT);
    }
}
