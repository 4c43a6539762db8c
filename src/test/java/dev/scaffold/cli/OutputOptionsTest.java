package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputOptionsTest {

    @Test
    void colourOnlyOnATerminal() {
        OutputOptions output = new OutputOptions();

        assertThat(output.color(new Terminal(true, Map.of()))).isTrue();
        assertThat(output.color(new Terminal(false, Map.of()))).isFalse();
    }

    @Test
    void noColorEnvironmentVariableTurnsColourOff() {
        OutputOptions output = new OutputOptions();

        assertThat(output.color(new Terminal(true, Map.of("NO_COLOR", "1")))).isFalse();
        assertThat(output.color(new Terminal(true, Map.of("NO_COLOR", "")))).as("an empty NO_COLOR is unset").isTrue();
    }

    @Test
    void noColorFlagTurnsColourOff() {
        OutputOptions output = new OutputOptions();
        output.noColor = true;

        assertThat(output.color(new Terminal(true, Map.of()))).isFalse();
    }
}
