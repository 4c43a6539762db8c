package dev.scaffold.components;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a service's user data from its Freemarker template, with the stack, the service and its
 * resolved {@code environment} ({@code env}) in scope. A value known only after apply (another tier's
 * endpoint) stands in the output as it is, so the user data is an {@link Interpolation} until apply
 * knows it; a template may place such a value but not transform it.
 *
 * <p>A template that does not exist, does not parse or fails to render is the blueprint's error (exit 3),
 * with the template's file, line and column, before any AWS call.
 */
final class UserData {

    /** What a service without a template of its own gets: its environment written where its application can read it. */
    private static final String DEFAULT_TEMPLATE = "/templates/user-data/default.sh.ftl";
    /** How a value known only after apply is marked in the rendered text: NUL never occurs in a template's output. */
    private static final Pattern MARK = Pattern.compile("\u0000ref(\\d+)\u0000");

    /**
     * The user data of a service.
     *
     * @param template the template file, or {@code null} for the built-in one
     * @param where the blueprint field that names it, e.g. {@code services.app.userData}
     * @param model what the template sees besides {@code env}
     * @param environment the service's environment, each value a text, a ref or an interpolation
     */
    Object render(Path template, String where, Map<String, Object> model, Map<String, Object> environment) {
        List<Ref> refs = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((name, value) -> env.put(name, marked(value, refs)));
        Map<String, Object> scope = new LinkedHashMap<>(model);
        scope.put("env", env);
        String name = template == null ? DEFAULT_TEMPLATE : template.toString();
        StringWriter out = new StringWriter();
        try {
            // Built per render: a blueprint without user data never loads Freemarker, which keeps start-up short.
            new Template(name, new StringReader(source(template, where)), configuration()).process(scope, out);
        } catch (ParseException e) {
            throw invalid(name, e.getLineNumber(), e.getColumnNumber(), where, e.getEditorMessage());
        } catch (TemplateException e) {
            throw invalid(name, e.getLineNumber(), e.getColumnNumber(), where, e.getMessageWithoutStackTop());
        } catch (IOException e) {
            throw ScaffoldException.invalidInput(where + ": cannot read the template " + name + ": " + e.getMessage());
        }
        return unmarked(out.toString(), refs);
    }

    private static String source(Path template, String where) throws IOException {
        if (template == null) {
            try (InputStream in = UserData.class.getResourceAsStream(DEFAULT_TEMPLATE)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("the jar lacks " + DEFAULT_TEMPLATE));
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        try {
            return Files.readString(template, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ScaffoldException.invalidInput(where + ": the template " + template + " does not exist;"
                    + " give a path relative to the blueprint");
        }
    }

    /** The text of a value, with each ref in it replaced by a mark that {@link #unmarked} turns back into it. */
    private static String marked(Object value, List<Ref> refs) {
        if (value instanceof Ref ref) {
            refs.add(ref);
            return "\u0000ref" + (refs.size() - 1) + "\u0000";
        }
        if (value instanceof Interpolation interpolation) {
            StringBuilder text = new StringBuilder();
            interpolation.parts().forEach(part -> text.append(marked(part, refs)));
            return text.toString();
        }
        return String.valueOf(value);
    }

    private static Object unmarked(String rendered, List<Ref> refs) {
        List<Object> parts = new ArrayList<>();
        Matcher mark = MARK.matcher(rendered);
        int from = 0;
        while (mark.find()) {
            parts.add(rendered.substring(from, mark.start()));
            parts.add(refs.get(Integer.parseInt(mark.group(1))));
            from = mark.end();
        }
        parts.add(rendered.substring(from));
        return Interpolation.of(parts.toArray());
    }

    private static ScaffoldException invalid(String template, Integer line, Integer column, String where, String message) {
        String at = template + (line == null ? "" : ":" + line + (column == null ? "" : ":" + column));
        return ScaffoldException.invalidInput(at + ": " + where + ": the user-data template does not render: "
                + message.strip());
    }

    private static Configuration configuration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setDefaultEncoding(StandardCharsets.UTF_8.name());
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        // A script wants 8080, not the locale's 8,080.
        configuration.setNumberFormat("computer");
        configuration.setLocale(Locale.ROOT);
        return configuration;
    }
}
