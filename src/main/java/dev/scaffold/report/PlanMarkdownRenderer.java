package dev.scaffold.report;

import dev.scaffold.plan.Action;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Plan} as Markdown ({@code plan --format markdown}) for pull-request comments and
 * {@code $GITHUB_STEP_SUMMARY}: a table of the resources that change, with the text plan folded
 * underneath. The layout lives in the Freemarker template {@code templates/report/plan.md.ftl}.
 */
public final class PlanMarkdownRenderer {

    private static final String TEMPLATE_ROOT = "/templates/report";
    private static final String TEMPLATE = "plan.md.ftl";
    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    private final Configuration freemarker = configuration();
    private final PlanTextRenderer text = new PlanTextRenderer(false);
    private final boolean awsRead;

    /** A renderer of plans made after reading AWS. */
    public PlanMarkdownRenderer() {
        this(true);
    }

    /** @param awsRead whether the plan was made after reading AWS, see {@link PlanTextRenderer#PlanTextRenderer(boolean, boolean)} */
    public PlanMarkdownRenderer(boolean awsRead) {
        this.awsRead = awsRead;
    }

    /** The plan as Markdown, ending with a newline. */
    public String render(Plan plan) {
        try {
            Template template = freemarker.getTemplate(TEMPLATE);
            StringWriter out = new StringWriter();
            template.process(model(plan), out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + TEMPLATE_ROOT + "/" + TEMPLATE, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("the template " + TEMPLATE + " does not render", e);
        }
    }

    private Map<String, Object> model(Plan plan) {
        List<ResourceChange> shown = PlanTextRenderer.shown(plan);
        Map<String, Object> model = new HashMap<>();
        model.put("modeTitle", plan.mode() == PlanMode.DESTROY ? "destroy plan" : "plan");
        model.put("stack", plan.stack());
        if (plan.environment() != null) {
            model.put("environment", plan.environment());
        }
        model.put("hasChanges", plan.hasChanges());
        model.put("summary", "Plan: " + PlanTextRenderer.counts(plan));
        model.put("noChanges", PlanTextRenderer.noChanges(plan, awsRead));
        model.put("notProvisionedWarning", PlanTextRenderer.NOT_PROVISIONED);
        model.put("notProvisioned", plan.notProvisioned());
        model.put("awaitingYouNote", PlanTextRenderer.AWAITING_YOU);
        model.put("awaitingYou", plan.awaitingYou());
        plan.refusal().ifPresent(why -> model.put("refusal", why.substring(0, 1).toUpperCase(Locale.ROOT)
                + why.substring(1)));
        model.put("changes", shown.stream().map(PlanMarkdownRenderer::row).toList());
        long adopted = shown.stream().filter(ResourceChange::adopted).count();
        if (adopted > 0) {
            model.put("adoptedNote", adopted + (adopted == 1 ? " resource was" : " resources were")
                    + " found in AWS by its scaffold tags but missing from the state; apply records "
                    + (adopted == 1 ? "it." : "them."));
        }
        // The resource blocks of the text plan; the table above already holds its legend and summary.
        String details = text.blocks(shown, plan.newState()).stripTrailing() + "\n";
        model.put("details", details);
        model.put("fence", fenceFor(details));
        return model;
    }

    private static Map<String, String> row(ResourceChange change) {
        return Map.of(
                "symbol", change.action() == Action.NO_OP ? "=" : change.action().symbol(),
                "address", change.address().toString(),
                "type", change.type(),
                "headline", headline(change));
    }

    private static String headline(ResourceChange change) {
        String what = switch (change.action()) {
            case CREATE -> "create";
            case UPDATE -> "update in place";
            case CREATE_THEN_DELETE -> "replace, new first (" + String.join(", ", change.replaceReasons()) + ")";
            case DELETE_THEN_CREATE -> "replace, old first (" + String.join(", ", change.replaceReasons()) + ")";
            case DELETE -> "destroy";
            case NO_OP -> "adopt as it is";
        };
        return change.adopted() && change.action() != Action.NO_OP ? "adopt, then " + what : what;
    }

    /** A code fence longer than any run of backticks in the text, so no value can close it early. */
    private static String fenceFor(String content) {
        int longest = 0;
        Matcher m = BACKTICK_RUN.matcher(content);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(PlanMarkdownRenderer.class, TEMPLATE_ROOT);
        cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }
}
