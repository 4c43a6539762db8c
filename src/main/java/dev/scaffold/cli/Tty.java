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
interface Tty {

    /** No terminal: every question goes unanswered. */
    Tty NONE = prompt -> null;

    /** The device of Unix systems that is always the process's own terminal, whatever stdin and stdout are. */
    String DEVICE = "/dev/tty";

    /** Writes {@code prompt} and reads one line; {@code null} at the end of input or without a terminal. */
    String ask(String prompt);

    /** The console when stdin and stdout are both the terminal; otherwise the terminal device itself. */
    static Tty system() {
        return prompt -> {
            Console console = System.console();
            if (console != null) {
                return console.readLine("%s", prompt);
            }
            return askDevice(prompt);
        };
    }

    private static String askDevice(String prompt) {
        Charset charset = Charset.defaultCharset();
        try (Writer question = new OutputStreamWriter(new FileOutputStream(DEVICE), charset);
             BufferedReader answer = new BufferedReader(new InputStreamReader(new FileInputStream(DEVICE), charset))) {
            question.write(prompt);
            question.flush();
            return answer.readLine();
        } catch (IOException noTerminal) {
            return null;
        }
    }
}
