package dev.scaffold.blueprint;

import java.nio.file.Path;

/**
 * Which stack a blueprint file describes: enough to find its state.
 *
 * @param name the stack name
 * @param environment the environment, or {@code null} for none
 * @param file the blueprint file, as given
 */
public record StackIdentity(String name, String environment, Path file) {
}
