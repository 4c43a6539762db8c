package dev.scaffold.cli;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.BlueprintSchema;
import dev.scaffold.blueprint.StackIdentity;
import dev.scaffold.graph.CloseMatches;
import dev.scaffold.report.StarterBlueprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scaffold init}: writes a starter {@code blueprint.yaml} from one of the templates under {@code templates/init/},
 * and a {@code .gitignore} that keeps the state and saved plans out of git.
 */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        description = {"Writes a starter blueprint.yaml into DIR (created if missing); never replaces one.",
                "Adds .scaffold/ (the state) and *.plan (saved plans) to DIR's .gitignore, writing it if missing."})
public final class InitCommand implements Callable<Integer> {

    static final String BLUEPRINT_FILE = "blueprint.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--template", paramLabel = "NAME",
            description = "The starter to use (default: web-app). An unknown name lists the starters.")
    String template;

    @Option(names = "--name", paramLabel = "STACK",
            description = "The stack name (default: DIR's name, made into a valid stack name).")
    String name;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "The AWS region written into the blueprint (default: ${DEFAULT-VALUE}).")
    String region;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Where to write blueprint.yaml (default: the current directory).")
    Path directory;

    @Override
    public Integer call() {
        StarterBlueprint starters = new StarterBlueprint();
        String chosen = template == null ? starters.defaultTemplate() : template;
        StarterBlueprint.Values values = new StarterBlueprint.Values(stackName(), checkedRegion());
        String text = starters.render(chosen, values)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown template '" + chosen + "'"
                        + didYouMean(chosen, starters.templates().keySet()) + "; the templates are:\n"
                        + list(starters.templates())));
        Path file = directory.resolve(BLUEPRINT_FILE);
        write(file, text);
        List<String> ignored = IgnoreFile.starter().addTo(directory);

        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote %s (template %s, stack %s, region %s).%n", file, chosen, values.stackName(), values.region());
        if (!ignored.isEmpty()) {
            out.printf("Added %s to %s: the state and saved plans stay out of git.%n", String.join(" and ", ignored),
                    directory.resolve(IgnoreFile.FILE_NAME));
        }
        out.println("Next, run: scaffold validate" + (isCurrentDirectory() ? "" : " -f " + file));
        // The starter's modeline points editors at a schema file beside it, which init does not write.
        out.println("For completion in editors, run: scaffold schema --out "
                + directory.resolve(BlueprintSchema.FILE_NAME).normalize());
        out.flush();
        return 0;
    }

    private String stackName() {
        if (name == null) {
            Path dirName = directory.toAbsolutePath().normalize().getFileName();
            return StarterBlueprint.stackNameFrom(dirName == null ? "" : dirName.toString());
        }
        if (!StarterBlueprint.isStackName(name)) {
            throw new ParameterException(spec.commandLine(), "invalid --name '" + name
                    + "': a stack name is a lower-case letter, then 1 to 30 lower-case letters, digits or hyphens.");
        }
        return name;
    }

    /** A region validate accepts, so that the blueprint init writes is valid as written. */
    private String checkedRegion() {
        if (!StackIdentity.isRegionName(region)) {
            throw new ParameterException(spec.commandLine(), "invalid --region '" + region + "': give an AWS region"
                    + " name such as us-east-1, eu-central-2 or us-gov-west-1.");
        }
        return region;
    }

    private static String didYouMean(String typed, Collection<String> names) {
        List<String> near = CloseMatches.among(typed, names);
        return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
    }

    private boolean isCurrentDirectory() {
        return directory.normalize().toString().isEmpty();
    }

    private static String list(Map<String, String> templates) {
        return templates.entrySet().stream()
                .map(t -> String.format("  %-10s %s", t.getKey(), t.getValue()))
                .collect(Collectors.joining("\n"));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // CREATE_NEW makes the refusal to overwrite atomic, not a check followed by a write.
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw ScaffoldException.failure(file + " already exists; scaffold init never replaces a blueprint. "
                    + "Choose another directory or remove the file first.", e);
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
