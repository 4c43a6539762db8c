package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .gitignore} entries {@code scaffold init} adds beside a starter blueprint, so the
 * state and saved plans stay out of git: read from {@code templates/init/gitignore}.
 */
final class IgnoreFile {

    static final String FILE_NAME = ".gitignore";
    private static final String TEMPLATE = "/templates/init/gitignore";

    /** Each pattern with the comment that says why, in the template's order. */
    private final Map<String, String> commentByPattern;

    private IgnoreFile(Map<String, String> commentByPattern) {
        this.commentByPattern = commentByPattern;
    }

    static IgnoreFile starter() {
        try (InputStream in = IgnoreFile.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the init .gitignore template is missing from the classpath: " + TEMPLATE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the init .gitignore template " + TEMPLATE, e);
        }
    }

    /** The template's patterns, each under the last comment line before it (the template's header has none after it). */
    static IgnoreFile parse(String template) {
        Map<String, String> entries = new LinkedHashMap<>();
        String comment = null;
        for (String line : template.split("\n")) {
            String text = line.strip();
            if (text.startsWith("#")) {
                comment = text;
            } else if (!text.isEmpty()) {
                entries.put(text, comment);
                comment = null;
            }
        }
        return new IgnoreFile(entries);
    }

    /**
     * Writes {@code .gitignore} into the directory, or adds to the one there the patterns it lacks.
     *
     * @return the patterns added; empty when the file had them all
     */
    List<String> addTo(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            List<String> present = existing.lines().map(String::strip).toList();
            List<String> added = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                text.append('\n');
            }
            commentByPattern.forEach((pattern, comment) -> {
                if (!present.contains(pattern)) {
                    if (comment != null) {
                        text.append(comment).append('\n');
                    }
                    text.append(pattern).append('\n');
                    added.add(pattern);
                }
            });
            if (!added.isEmpty()) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            return added;
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
