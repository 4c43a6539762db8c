package dev.scaffold.blueprint;

import java.util.Locale;

/** How serious a {@link Diagnostic} is: errors stop the load, warnings do not. */
public enum Severity {
    ERROR,
    WARNING;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
