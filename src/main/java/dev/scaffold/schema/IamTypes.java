package dev.scaffold.schema;

/** The IAM types. */
public final class IamTypes {

    /** A role. */
    public static final ResourceType ROLE = ResourceType.managed("AWS::IAM::Role").forcesReplace("name", "path").build();

    /** An instance profile. */
    public static final ResourceType INSTANCE_PROFILE = ResourceType.managed("AWS::IAM::InstanceProfile")
            .forcesReplace("name", "path").build();

    private IamTypes() {
    }
}
