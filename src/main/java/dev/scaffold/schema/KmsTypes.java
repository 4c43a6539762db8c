package dev.scaffold.schema;

/** The KMS types: the stack's key. */
public final class KmsTypes {

    /** A customer managed key. */
    public static final ResourceType KEY = ResourceType.managed("AWS::KMS::Key").build();

    private KmsTypes() {
    }
}
