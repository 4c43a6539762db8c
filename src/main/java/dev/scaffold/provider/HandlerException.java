package dev.scaffold.provider;

import dev.scaffold.graph.ResourceAddress;

/**
 * An AWS call made by a handler failed: which resource, which operation, and what AWS answered.
 *
 * <p>The executor records the resource as failed and reports the message; the message alone says
 * what a user needs, e.g. {@code loadBalancers.web.alb: CreateLoadBalancer failed: DuplicateLoadBalancerName: ...}.
 */
public class HandlerException extends RuntimeException {

    private final ResourceAddress address;
    private final String operation;
    private final String errorCode;
    private final String awsMessage;

    /**
     * @param address the resource being applied, or {@code null} for a batched read of a whole type
     * @param operation the AWS operation, e.g. {@code CreateLoadBalancer}
     * @param errorCode the AWS error code, e.g. {@code DuplicateLoadBalancerName}
     * @param awsMessage the message AWS gave
     */
    public HandlerException(ResourceAddress address, String operation, String errorCode, String awsMessage,
                            Throwable cause) {
        super((address == null ? "" : address + ": ") + operation + " failed: " + errorCode + ": " + awsMessage,
                cause);
        this.address = address;
        this.operation = operation;
        this.errorCode = errorCode;
        this.awsMessage = awsMessage;
    }

    /** The resource, or {@code null} when the failing call read a whole type. */
    public ResourceAddress address() {
        return address;
    }

    public String operation() {
        return operation;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The message as AWS gave it, without address and operation. */
    public String awsMessage() {
        return awsMessage;
    }
}
