package dev.scaffold.blueprint;

import java.util.Objects;

/** Where a YAML node came from: the file as the user named it and a 1-based line and column. */
record Origin(String file, int line, int column) {

    /** A position outside any file, e.g. a {@code --var} given on the command line. */
    static Origin of(String source) {
        return new Origin(source, 0, 0);
    }

    static Origin startOf(String file) {
        return new Origin(file, 1, 1);
    }

    // Written out rather than generated: a record's generated equals and hashCode are bound on first use
    // through method handles, which costs every validate about 10 ms of start-up.
    @Override
    public boolean equals(Object other) {
        return other instanceof Origin o && line == o.line && column == o.column && Objects.equals(file, o.file);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(file) * 31 + line) * 31 + column;
    }
}
