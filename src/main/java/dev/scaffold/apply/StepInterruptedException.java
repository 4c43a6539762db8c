package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;

/**
 * A wait of a step stopped polling because the run was interrupted (Ctrl-C, SIGTERM): not a failure
 * of the resource, which AWS may still be bringing about; the next apply finishes it.
 */
final class StepInterruptedException extends RuntimeException {

    StepInterruptedException(ResourceAddress address, String what) {
        super(address + ": stopped waiting for " + what + " because the run was interrupted");
    }
}
