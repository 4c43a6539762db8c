package dev.scaffold.provider;

import dev.scaffold.graph.ResourceAddress;

/**
 * AWS reports that a resource failed to come about (it reached a failed state): it cannot be
 * finished, only replaced, so apply records a resource whose create ends so as tainted. Any other
 * failure after AWS created a resource keeps it recorded as still being created, to be finished.
 */
public class ResourceFailedException extends HandlerException {

    /**
     * @param address the resource
     * @param what what was awaited, e.g. {@code load balancer active}
     * @param reached the state AWS reported
     */
    public ResourceFailedException(ResourceAddress address, String what, Object reached) {
        super(address, what, null, "gave up waiting for " + what + ": AWS reports it reached " + reached, null);
    }
}
