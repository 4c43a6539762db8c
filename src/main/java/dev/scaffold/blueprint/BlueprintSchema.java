package dev.scaffold.blueprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schemas of blueprint format version 1, for editors and {@code scaffold schema}: the blueprint's, as shipped
 * in the jar, and a fragment's (a file blueprints import), derived from it.
 */
public final class BlueprintSchema {

    /** The classpath location of the schema. */
    public static final String RESOURCE = "/dev/scaffold/blueprint/blueprint.schema.json";

    /** The file name blueprints refer to in their {@code yaml-language-server} modeline. */
    public static final String FILE_NAME = "blueprint.schema.json";

    /** The file name fragments refer to in their {@code yaml-language-server} modeline. */
    public static final String FRAGMENT_FILE_NAME = "blueprint-fragment.schema.json";

    private BlueprintSchema() {
    }

    /** The schema's text, exactly as shipped. */
    public static String text() {
        try (InputStream in = BlueprintSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                // The build puts it there; a missing schema is a broken jar, not a user error.
                throw new IllegalStateException("the blueprint schema is missing from the classpath: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the blueprint schema " + RESOURCE, e);
        }
    }

    /**
     * The schema of a fragment, a file that blueprints import: the blueprint's sections and keys with nothing
     * required, since the blueprint it is merged into must be complete.
     */
    public static String fragmentText() {
        return FragmentSchema.derive(text());
    }
}
