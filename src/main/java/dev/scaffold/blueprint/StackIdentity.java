package dev.scaffold.blueprint;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which stack a blueprint file describes: enough to find its state.
 *
 * @param name the stack name
 * @param environment the environment, or {@code null} for none
 * @param file the blueprint file, as given
 */
public record StackIdentity(String name, String environment, Path file) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}");

    /** Whether {@code name} is a valid stack name: 2 to 31 lowercase letters, digits or '-', a letter first. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether {@code region} is a name an AWS region has, such as us-east-1, as a blueprint's {@code region} must be. */
    public static boolean isRegionName(String region) {
        return region != null && BindContext.REGION.matcher(region).matches();
    }
}
