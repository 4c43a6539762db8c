package dev.scaffold.schema;

import java.time.Duration;

/** The Secrets Manager types scaffold manages. */
public final class SecretsManagerTypes {

    /**
     * A secret whose value AWS generates when it is made and scaffold never sees again nor records (a cache's auth
     * token). Its {@code name}, {@code passwordLength} and {@code excludeCharacters} are fixed at creation;
     * {@code description} and {@code kmsKeyId} change in place. Deleting it schedules its deletion after a
     * recovery window of 7 days. Refs name {@code arn} and {@code name}.
     */
    public static final ResourceType GENERATED_SECRET = ResourceType.managed("AWS::SecretsManager::Secret")
            .forcesReplace("name", "passwordLength", "excludeCharacters")
            .references(KmsTypes.KEY.name())
            .durations(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2))
            .build();

    private SecretsManagerTypes() {
    }
}
