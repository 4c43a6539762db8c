package dev.scaffold.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * The user's terminal as a place to ask a question: the prompt is written to it and the answer read
 * from it, so {@code scaffold apply | tee apply.log} still asks the person at the keyboard.
 */
@FunctionalInterface
public interface Tty {

    /** No terminal: every question goes unanswered. */
    Tty NONE = prompt -> null;

    /** The device of Unix systems that is always the process's own terminal, whatever stdin and stdout are. */
    String DEVICE = "/dev/tty";

    /** Writes {@code prompt} and reads one line; {@code null} at the end of input or without a terminal. */
    String ask(String prompt);

    /**
     * The terminal device itself, whatever stdin and stdout are; where there is none (Windows), the
     * console, which Java offers only when both are the terminal.
     */
    static Tty system() {
        return prompt -> {
            try {
                return askDevice(prompt);
            } catch (IOException noDevice) {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", prompt);
            }
        };
    }

    private static String askDevice(String prompt) throws IOException {
        Charset charset = Charset.defaultCharset();
        try (Writer question = new OutputStreamWriter(new FileOutputStream(DEVICE), charset);
             BufferedReader answer = new BufferedReader(new InputStreamReader(new FileInputStream(DEVICE), charset))) {
            question.write(prompt);
            question.flush();
            return answer.readLine();
        }
    }
}
