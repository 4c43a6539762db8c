package dev.scaffold.provider;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the AWS calls of a read, so that whoever reads (the refresher) can bound and count them.
 */
public interface ApiCalls {

    /** Runs every call at once and counts nothing. */
    ApiCalls DIRECT = new ApiCalls() {
        @Override
        public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
            return call.get();
        }
    };

    /**
     * Runs one AWS call.
     *
     * @param operation the AWS operation, e.g. {@code DescribeSecurityGroups}
     */
    <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call);
}
