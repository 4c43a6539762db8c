package dev.scaffold.cli;

import dev.scaffold.provider.aws.AwsSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of commands that talk to AWS: region, profile and endpoint overrides. */
public final class AwsOptions {

    @Option(names = "--region", paramLabel = "REGION",
            description = "The AWS region (default: the blueprint's region).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The named AWS profile to take credentials from (default: the default credential chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "One endpoint for every AWS service, e.g. an emulator (default: AWS_ENDPOINT_URL, else AWS's own).")
    String endpointUrl;

    /** The options as the user gave them, for hints that print the exact command to run; empty when none was. */
    String given() {
        StringBuilder given = new StringBuilder();
        if (region != null) {
            given.append(" --region ").append(ShellWord.of(region));
        }
        if (profile != null) {
            given.append(" --profile ").append(ShellWord.of(profile));
        }
        if (endpointUrl != null) {
            given.append(" --endpoint-url ").append(ShellWord.of(endpointUrl));
        }
        return given.toString();
    }

    /** Whether {@code --region} was given, which the blueprint's region then gives way to. */
    boolean regionGiven() {
        return region != null;
    }

    /** The settings for a blueprint whose region is {@code blueprintRegion}. */
    public AwsSettings settings(String blueprintRegion, Map<String, String> environment) {
        String chosen = region != null ? region : blueprintRegion;
        return AwsSettings.resolve(chosen, profile, endpointUrl, environment);
    }
}
