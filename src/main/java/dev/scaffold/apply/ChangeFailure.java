package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.HandlerException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why one change failed, in the terms a user acts on: the resource, the AWS operation, and AWS's
 * error code and message when there is one.
 *
 * @param address the resource
 * @param operation the AWS operation that failed, e.g. {@code CreateDBInstance}, or the step of
 *     apply, e.g. {@code create}, when the failure happened outside any AWS call
 * @param code AWS's error code, or {@code null}
 * @param message what went wrong
 * @param cause the exception, for a trace under {@code -vvv}
 */
public record ChangeFailure(ResourceAddress address, String operation, String code, String message, Throwable cause) {

    /** Reads a failure from what a handler's future failed with. */
    public static ChangeFailure of(ResourceAddress address, String step, Throwable failure) {
        Throwable error = unwrap(failure);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HandlerException handler) {
                return new ChangeFailure(address, handler.operation(), handler.code(), messageOf(handler), error);
            }
        }
        return new ChangeFailure(address, step, null, messageOf(error), error);
    }

    /** The failure on one line, e.g. {@code databases.main.primary: CreateDBInstance failed: Code: message}. */
    public String describe() {
        return address == null ? what() : address + ": " + what();
    }

    /** The failure without its address, for a line that names the address already. */
    public String what() {
        return operation + " failed: " + (code == null ? "" : code + ": ") + message;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable error = failure;
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    static String messageOf(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
