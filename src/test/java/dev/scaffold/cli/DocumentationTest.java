package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.report.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the repository tells a newcomer holds: the documents it cites exist, and its example fragment reads as one. */
class DocumentationTest {

    private static final Pattern MARKDOWN_FILE = Pattern.compile("[A-Za-z0-9_./-]+\\.md");

    @Test
    void everyDocumentTheReadmeCitesIsInTheRepository() throws IOException {
        Matcher cited = MARKDOWN_FILE.matcher(Files.readString(Path.of("README.md")));

        while (cited.find()) {
            assertThat(Path.of(cited.group())).as("README.md cites %s", cited.group()).exists();
        }
    }

    @Test
    void validatingTheExampleFragmentSaysItIsAFragment() {
        CommandLineRun run = CommandLineRun.of("validate", "-f", "blueprints/shared/baseline.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        Golden.assertMatches("validate-fragment/baseline.txt",
                "$ scaffold validate -f blueprints/shared/baseline.yaml\n" + run.err() + run.out());
    }
}
