package dev.scaffold.provider;

import dev.scaffold.graph.ResourceAddress;

/**
 * An AWS call of a handler failed: which resource, which operation, and AWS's error code and
 * message, so apply can report it without knowing the SDK.
 *
 * <p>Handlers translate the SDK's service exceptions into this type; {@link ApplyContext#call}
 * wraps any other failure of a call in one, with no code.
 */
public class HandlerException extends RuntimeException {

    private final ResourceAddress address;
    private final String operation;
    private final String code;

    /**
     * @param address the resource being applied
     * @param operation the AWS operation, e.g. {@code CreateDBInstance}
     * @param code AWS's error code, e.g. {@code DBInstanceAlreadyExists}, or {@code null} when there is none
     * @param message AWS's error message, or what went wrong
     * @param cause the underlying exception, or {@code null}
     */
    public HandlerException(ResourceAddress address, String operation, String code, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
        this.operation = operation;
        this.code = code;
    }

    public ResourceAddress address() {
        return address;
    }

    public String operation() {
        return operation;
    }

    /** AWS's error code, or {@code null} when the failure has none (a timeout, a network error). */
    public String code() {
        return code;
    }
}
