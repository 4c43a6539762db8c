package dev.scaffold.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads scaffold's version from the jar manifest, so {@code --version} matches the build. */
public final class ManifestVersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"scaffold " + version()};
    }

    /** The version of this build, or {@code dev} when run from classes rather than the jar. */
    public static String version() {
        String version = ManifestVersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
