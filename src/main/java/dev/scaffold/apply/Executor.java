package dev.scaffold.apply;

import java.util.concurrent.CompletableFuture;

/**
 * Carries out a plan: runs its changes as a DAG of futures, in dependency order and in parallel,
 * bounding the AWS calls in flight, and writes the state after every change (changes that finish
 * while a write is in progress share the next write). A change counts as done, and what depends
 * on it starts, only once a write that records it has completed.
 *
 * <p>A create or update waits for the resources it depends on; a delete waits for the deletes of
 * the resources that depended on it; a replace deletes and then creates, unless its handler asks
 * to {@linkplain dev.scaffold.provider.ResourceHandler#createBeforeDestroy create before destroying}:
 * then the new resource is created first, what uses it is created or updated with its values, and
 * the old one, kept in the state as deposed meanwhile, is deleted last. Ready work starts
 * longest-remaining-path first. A failure stops only what depends on it. Cancelling stops new
 * changes from starting; those in progress finish and are recorded.
 */
public final class Executor {

    /** Starts the run; the future completes when every change has finished, failed or been skipped. */
    public CompletableFuture<ExecutionResult> start(ExecutionRequest request) {
        return new ApplyRun(request).start();
    }

    /** Runs the plan and waits for the result. */
    public ExecutionResult execute(ExecutionRequest request) {
        return start(request).join();
    }
}
