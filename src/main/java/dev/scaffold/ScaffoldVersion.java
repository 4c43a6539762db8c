package dev.scaffold;

/** The version of this build of scaffold, as its jar manifest records it. */
public final class ScaffoldVersion {

    private ScaffoldVersion() {
    }

    /** The version, or {@code dev} when running from classes rather than the jar. */
    public static String current() {
        String version = ScaffoldVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
