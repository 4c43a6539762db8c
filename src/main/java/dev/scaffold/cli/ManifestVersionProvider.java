package dev.scaffold.cli;

import dev.scaffold.ScaffoldVersion;
import picocli.CommandLine.IVersionProvider;

/** Gives {@code --version} the version from the jar manifest, so it matches the build. */
public final class ManifestVersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"scaffold " + ScaffoldVersion.current()};
    }
}
