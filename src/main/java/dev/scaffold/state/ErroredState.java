package dev.scaffold.state;

import java.nio.file.Path;

/**
 * Where a run saved the state its store would not take, so that no change is lost, and how to put
 * it back once the cause is fixed.
 *
 * @param file the saved state, readable by its owner only
 * @param restoreCommand the command that puts it in the store's place, e.g. {@code cp A B}
 */
public record ErroredState(Path file, String restoreCommand) {
}
