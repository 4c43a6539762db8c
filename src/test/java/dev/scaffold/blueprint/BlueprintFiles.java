package dev.scaffold.blueprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small blueprint files for tests. */
final class BlueprintFiles {

    static final String HEADER = "blueprint: shop\nregion: us-east-1\n";

    private BlueprintFiles() {}

    static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
