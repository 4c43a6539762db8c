package dev.scaffold.state;

/**
 * A state document that cannot be read: not JSON, truncated, missing a field, or written by a newer
 * scaffold. The message is a phrase the store completes with the file's name.
 */
public class StateFormatException extends Exception {

    public StateFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateFormatException(String message) {
        super(message);
    }
}
