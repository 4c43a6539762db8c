package dev.scaffold.schema;

/** What scaffold reads of the credentials a run works with. */
public final class StsTypes {

    /**
     * The account and region a run works in, looked up: read attributes {@code accountId}, {@code partition}
     * ({@code aws}, {@code aws-cn}, …) and {@code region}, for policies that must name them (a KMS key's).
     */
    public static final ResourceType ACCOUNT = ResourceType.lookup("Scaffold::STS::Account").build();

    private StsTypes() {
    }
}
