package dev.scaffold.report;

import dev.scaffold.blueprint.StackIdentity;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders the starter blueprints of {@code scaffold init} from the Freemarker templates under {@code templates/init/}. */
public final class StarterBlueprint {

    /** What a starter is rendered with. */
    public record Values(String stackName, String region) {
    }

    private static final String TEMPLATE_ROOT = "/templates/init";
    private static final String INDEX = TEMPLATE_ROOT + "/templates.txt";
    private static final String TEMPLATE_FILE = "blueprint.yaml.ftl";
    private static final int STACK_NAME_MAX = 31;
    private static final String FALLBACK_STACK_NAME = "app";

    private final Map<String, String> templates;
    private final Configuration freemarker;

    /** Reads the template index from the classpath. */
    public StarterBlueprint() {
        this.templates = readIndex();
        this.freemarker = configuration();
    }

    /** The starter templates, name to what it gives, in the index's order; the first is the default. */
    public Map<String, String> templates() {
        return templates;
    }

    /** The template {@code scaffold init} uses when none is named. */
    public String defaultTemplate() {
        return templates.keySet().iterator().next();
    }

    /** The text of {@code blueprint.yaml} from the named template, or empty when there is no such template. */
    public Optional<String> render(String template, Values values) {
        if (!templates.containsKey(template)) {
            return Optional.empty();
        }
        try {
            Template ftl = freemarker.getTemplate(template + "/" + TEMPLATE_FILE);
            StringWriter out = new StringWriter();
            ftl.process(Map.of("stackName", values.stackName(), "region", values.region()), out);
            return Optional.of(out.toString());
        } catch (IOException e) {
            // A template listed in the index but missing or unreadable is a broken build.
            throw new UncheckedIOException("cannot read the init template " + template, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("the init template " + template + " does not render", e);
        }
    }

    /** Whether {@code name} is a valid stack name: a lower-case letter, then 1 to 30 lower-case letters, digits or hyphens. */
    public static boolean isStackName(String name) {
        return StackIdentity.isValidName(name);
    }

    /**
     * A stack name made from a directory name: accents dropped, lower case, each run of other characters one hyphen,
     * starting with a letter, at most 31 characters; {@code app} when nothing usable is left.
     */
    public static String stackNameFrom(String directoryName) {
        // Decomposing first keeps the letter of an accented one: "Café" becomes "cafe", not "caf".
        String name = Normalizer.normalize(directoryName, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceFirst("^[^a-z]+", "");
        if (name.length() > STACK_NAME_MAX) {
            name = name.substring(0, STACK_NAME_MAX);
        }
        name = name.replaceFirst("-+$", "");
        return isStackName(name) ? name : FALLBACK_STACK_NAME;
    }

    private static Map<String, String> readIndex() {
        Map<String, String> index = new LinkedHashMap<>();
        try (InputStream in = StarterBlueprint.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("the init template index is missing from the classpath: " + INDEX);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] nameAndSummary = entry.split("\\s+", 2);
                index.put(nameAndSummary[0], nameAndSummary.length > 1 ? nameAndSummary[1] : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the init template index " + INDEX, e);
        }
        if (index.isEmpty()) {
            throw new IllegalStateException("the init template index lists no templates: " + INDEX);
        }
        return Collections.unmodifiableMap(index);
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(StarterBlueprint.class, TEMPLATE_ROOT);
        cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
        // Blueprints use ${...} themselves, so the starters interpolate with [=...] instead.
        cfg.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }
}
