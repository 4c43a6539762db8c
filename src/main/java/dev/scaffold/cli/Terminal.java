package dev.scaffold.cli;

import java.util.Map;

/**
 * Where the command line runs: on a terminal or not, and the process environment. Passed in, so
 * tests can choose both.
 *
 * @param interactive whether a user is at a terminal (prompts and colour are allowed)
 * @param environment the process environment
 */
public record Terminal(boolean interactive, Map<String, String> environment) {

    public Terminal {
        environment = Map.copyOf(environment);
    }

    public static Terminal current() {
        return new Terminal(System.console() != null, System.getenv());
    }

    /** Asks a yes/no question at the terminal; only the answer {@code yes} counts as yes. */
    boolean confirmed(String question) {
        String answer = interactive && System.console() != null
                ? System.console().readLine("%s Only 'yes' is accepted: ", question) : null;
        return answer != null && answer.strip().equals("yes");
    }

    /** Whether the user asked for no colour through {@code NO_COLOR}. */
    boolean noColorRequested() {
        String value = environment.get("NO_COLOR");
        return value != null && !value.isEmpty();
    }
}
