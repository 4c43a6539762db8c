package dev.scaffold.blueprint;

/** Where a YAML node came from: the file as the user named it and a 1-based line and column. */
record Origin(String file, int line, int column) {

    /** A position outside any file, e.g. a {@code --var} given on the command line. */
    static Origin of(String source) {
        return new Origin(source, 0, 0);
    }

    static Origin startOf(String file) {
        return new Origin(file, 1, 1);
    }
}
