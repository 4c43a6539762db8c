package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void whenStdinIsATerminalButStdoutIsPipedTheQuestionIsAskedOnTheTerminal() {
        List<String> asked = new ArrayList<>();
        Terminal piped = new Terminal(true, false, Map.of(), prompt -> {
            asked.add(prompt);
            return "yes";
        });

        boolean confirmed = piped.confirmed("Do you want to apply these changes?", new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertThat(confirmed).isTrue();
        assertThat(asked).containsExactly("Do you want to apply these changes? Only 'yes' is accepted: ");
        assertThat(piped.colorAllowed()).as("no colour into a pipe").isFalse();
    }

    @Test
    void onlyYesConfirmsAndNothingIsAskedWithoutATerminal() {
        List<String> asked = new ArrayList<>();
        Terminal noTerminal = new Terminal(false, false, Map.of(), prompt -> {
            asked.add(prompt);
            return "yes";
        });

        assertThat(new Terminal(true, true, Map.of(), prompt -> "y").confirmed("Go?", new java.io.PrintWriter(java.io.Writer.nullWriter()))).isFalse();
        assertThat(new Terminal(true, true, Map.of(), prompt -> null).confirmed("Go?", new java.io.PrintWriter(java.io.Writer.nullWriter()))).isFalse();
        assertThat(noTerminal.confirmed("Go?", new java.io.PrintWriter(java.io.Writer.nullWriter()))).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void theLocaleDecidesWhetherTheTerminalShowsUnicode() {
        assertThat(terminal(Map.of("LANG", "en_GB.UTF-8")).unicode()).isTrue();
        assertThat(terminal(Map.of("LANG", "C.utf8")).unicode()).isTrue();
        assertThat(terminal(Map.of("LANG", "C")).unicode()).isFalse();
        assertThat(terminal(Map.of("LANG", "en_US.UTF-8", "LC_ALL", "C")).unicode()).as("LC_ALL wins").isFalse();
        assertThat(terminal(Map.of("LANG", "C", "LC_CTYPE", "de_DE.UTF-8")).unicode()).as("LC_CTYPE wins over LANG").isTrue();
        assertThat(terminal(Map.of()).unicode()).as("no locale is the C locale").isFalse();
    }

    @Test
    void columnsComeFromTheEnvironmentWhenItSays() {
        assertThat(terminal(Map.of("COLUMNS", "132")).columns()).isEqualTo(132);
        assertThat(new Terminal(false, Map.of("COLUMNS", "wide")).columns()).isEqualTo(Terminal.DEFAULT_COLUMNS);
    }

    @Test
    void colourNeedsAScreenAndNoNoColor() {
        assertThat(new Terminal(true, Map.of()).colorAllowed()).isTrue();
        assertThat(new Terminal(false, Map.of()).colorAllowed()).isFalse();
        assertThat(new Terminal(true, Map.of("NO_COLOR", "1")).colorAllowed()).isFalse();
        assertThat(new Terminal(true, Map.of("NO_COLOR", "")).colorAllowed()).as("an empty NO_COLOR is unset").isTrue();
    }

    private static Terminal terminal(Map<String, String> environment) {
        return new Terminal(true, true, environment, Tty.NONE);
    }
}
