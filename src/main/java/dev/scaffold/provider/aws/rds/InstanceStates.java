package dev.scaffold.provider.aws.rds;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.SharedPolls;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/**
 * What AWS says of DB instances, and the waits on it: DescribeDBInstances filtered by {@code db-instance-id}, up to
 * {@value #BATCH} identifiers a call and one page (of as many) holding every answer, an instance that does not exist
 * simply not answered; waits that share their polls ({@link SharedPolls}), so that every instance an apply waits on
 * costs one describe per interval together; and each wait bounded, failing with what it waited for.
 */
final class InstanceStates {

    /** Identifiers per DescribeDBInstances; one page of as many holds every answer. */
    static final int BATCH = 100;
    static final String OPERATION = "DescribeDBInstances";
    private static final String AVAILABLE = "available";
    private static final String DELETING = "deleting";
    /** The states from which an instance does not become available by itself. */
    private static final Set<String> FAILED = Set.of("failed", "incompatible-parameters", "incompatible-network",
            "incompatible-restore", "storage-full", "inaccessible-encryption-credentials");

    private final AwsClients aws;
    private final Duration interval;
    private final Duration bound;
    private final SharedPolls<DBInstance> polls;

    /** @param interval how often a wait polls; @param bound how long it lasts at most */
    InstanceStates(AwsClients aws, Duration interval, Duration bound) {
        this.aws = aws;
        this.interval = interval;
        this.bound = bound;
        this.polls = new SharedPolls<>(OPERATION, BATCH, Set.of(), interval, this::describe,
                DBInstance::dbInstanceIdentifier);
    }

    /** The instances of these identifiers, in one DescribeDBInstances; absent ones are not answered. */
    CompletableFuture<List<DBInstance>> describe(List<String> ids) {
        return RdsClient.of(aws).describeDBInstances(r -> r.maxRecords(BATCH)
                        .filters(Filter.builder().name("db-instance-id").values(ids).build()))
                .thenApply(answer -> answer.dbInstances());
    }

    /** The instances of these identifiers, {@value #BATCH} a call, each call made by {@code calls}. */
    CompletableFuture<List<DBInstance>> describe(ApiCalls calls, Collection<String> ids) {
        return IdBatches.describe(calls, OPERATION, ids, BATCH, Set.of(), this::describe);
    }

    /** Whether AWS is deleting each of these (or has). */
    static boolean deleting(List<DBInstance> found) {
        return found.stream().allMatch(db -> DELETING.equals(db.dbInstanceStatus()));
    }

    /** Waits until AWS reports the instance available with nothing pending; {@code what} completes "available …". */
    CompletableFuture<DBInstance> available(ApplyContext ctx, String id, String what) {
        polls.expect(id);
        return await(ctx, id, what, db -> db.map(it -> AVAILABLE.equals(it.dbInstanceStatus()) && nothingPending(it))
                        .orElse(false), db -> db.map(it -> FAILED.contains(it.dbInstanceStatus())).orElse(true))
                .thenApply(Optional::orElseThrow);
    }

    /** Waits until the instance is gone. */
    CompletableFuture<Void> gone(ApplyContext ctx, String id) {
        return await(ctx, id, "deleted", Optional::isEmpty, db -> false).thenApply(ignored -> null);
    }

    /**
     * Polls, shared with every instance waited on, until {@code done} (it is {@code what}), for at most the bound; then
     * fails naming what it waited for, the instance's status, and that AWS goes on and so does the next apply.
     */
    private CompletableFuture<Optional<DBInstance>> await(ApplyContext ctx, String id, String what,
                                                          Predicate<Optional<DBInstance>> done,
                                                          Predicate<Optional<DBInstance>> failed) {
        long deadline = System.nanoTime() + bound.toNanos();
        return ctx.waitUntil("DB instance " + what, () -> polls.poll(ctx, id),
                        db -> done.test(db) || System.nanoTime() - deadline >= 0, failed, interval,
                        bound.plus(interval).plus(interval))
                .whenComplete((answer, failure) -> polls.done(id))
                .thenApply(db -> {
                    if (!done.test(db)) {
                        throw new HandlerException(ctx.address(), OPERATION, null, "the DB instance " + id + " is still "
                                + db.map(DBInstance::dbInstanceStatus).orElse("absent") + " after "
                                + (bound.toMinutes() > 0 ? bound.toMinutes() + " min" : bound.toSeconds() + " s")
                                + " of waiting until it is " + what + "; AWS goes on with it, and the next apply goes on"
                                + " waiting", null);
                    }
                    return db;
                });
    }

    private static boolean nothingPending(DBInstance db) {
        return db.pendingModifiedValues() == null
                || db.pendingModifiedValues().equals(PendingModifiedValues.builder().build());
    }
}
