package dev.scaffold.provider;

/**
 * A create got far enough for AWS to hold the resource (it has a physical id) and then failed,
 * e.g. it never became available; apply records the resource as tainted so the next apply
 * replaces it instead of creating a duplicate.
 */
public class PartialCreateException extends RuntimeException {

    private final transient Observed created;

    /**
     * @param created what exists after the failure, at least its physical id
     * @param cause why the create did not finish
     */
    public PartialCreateException(Observed created, Throwable cause) {
        super(created.address() + " was created as " + created.physicalId() + " but did not finish: "
                + (cause == null ? "unknown reason" : cause.getMessage()), cause);
        this.created = created;
    }

    /** The resource as it exists after the failure. */
    public Observed created() {
        return created;
    }
}
