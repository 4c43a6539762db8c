package dev.scaffold.schema;

import java.time.Duration;
import java.util.Objects;

/**
 * How long AWS typically takes to create, update and delete a resource of one type, waits
 * included: what the estimate printed before apply adds up along the longest chain, and what
 * ranks ready work in the executor.
 */
public record Durations(Duration create, Duration update, Duration delete) {

    /** What a type that declares nothing is taken to need: a few seconds for anything. */
    public static final Durations DEFAULT = uniform(Duration.ofSeconds(5));

    public Durations {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(delete, "delete");
    }

    /** The same time for every kind of change. */
    public static Durations uniform(Duration each) {
        return new Durations(each, each, each);
    }
}
