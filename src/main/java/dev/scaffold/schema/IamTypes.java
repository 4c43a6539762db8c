package dev.scaffold.schema;

import java.time.Duration;

/**
 * The IAM types scaffold manages. IAM is global: the regional tagging read never returns its resources, so
 * a refresh finds them by the names the state and the blueprint give them.
 */
public final class IamTypes {

    /**
     * A role. {@code name} and {@code path} are fixed at creation; {@code description}, {@code assumeRolePolicy}
     * (a policy document), {@code managedPolicyArns} (in any order) and {@code inlinePolicies} (policy name →
     * policy document) change in place. Refs name {@code arn} and {@code name}.
     */
    public static final ResourceType ROLE = ResourceType.managed("AWS::IAM::Role")
            .forcesReplace("name", "path")
            .unordered("managedPolicyArns")
            .durations(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(3))
            // Its name may hold the region (names are global, stacks regional): it is known once the account is read.
            .readsAfter(StsTypes.ACCOUNT.name())
            .build();

    /**
     * An instance profile: {@code name} and {@code path} are fixed at creation, its one role ({@code roleName})
     * changes in place. Refs name {@code arn} and {@code name}.
     */
    public static final ResourceType INSTANCE_PROFILE = ResourceType.managed("AWS::IAM::InstanceProfile")
            .forcesReplace("name", "path")
            .references(ROLE.name())
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .readsAfter(StsTypes.ACCOUNT.name())
            .build();

    private IamTypes() {
    }
}
