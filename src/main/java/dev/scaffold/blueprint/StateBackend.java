package dev.scaffold.blueprint;

/**
 * Where the state lives.
 *
 * @param bucket S3 bucket ({@link Kind#S3} only)
 * @param key    S3 key ({@link Kind#S3} only)
 * @param region the bucket's region, or {@code null} for the blueprint's region
 */
public record StateBackend(Kind kind, String bucket, String key, String region) {

    /** The backends scaffold supports; a local state lives in {@code .scaffold/<stack>[.<env>].state.json}. */
    public enum Kind {
        LOCAL,
        S3
    }

    static StateBackend local() {
        return new StateBackend(Kind.LOCAL, null, null, null);
    }
}
