package dev.scaffold.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with an expected file under {@code src/test/resources/cases/}; with
 * {@code -Dscaffold.updateGolden=true} it rewrites the file instead, to be read before committing.
 */
public final class Golden {

    private static final Path CASES = Path.of("src", "test", "resources", "cases");

    private Golden() {
    }

    public static void assertMatches(String casePath, String actual) {
        Path expectedFile = CASES.resolve(casePath);
        try {
            if (Boolean.getBoolean("scaffold.updateGolden")) {
                Files.createDirectories(expectedFile.getParent());
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(expectedFile)
                    .as("golden file %s (run with -Dscaffold.updateGolden=true to create or update it)", expectedFile)
                    .exists();
            assertThat(actual).as("output compared with %s", expectedFile)
                    .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
