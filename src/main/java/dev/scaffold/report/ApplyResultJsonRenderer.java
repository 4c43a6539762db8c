package dev.scaffold.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.apply.ChangeFailure;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.ResourceOutcome;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.state.AttributeJson;
import dev.scaffold.state.PrettyJson;
import dev.scaffold.state.State;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders what an apply or a destroy did as the versioned JSON document of {@code apply --json} and
 * {@code destroy --json}: the outcome of every change, the counts, and the stack's outputs, for CI
 * and other tools; {@code docs/apply-json.md} describes every field.
 */
public final class ApplyResultJsonRenderer {

    /** The version of this document's format; it changes only when a field changes meaning or goes away. */
    public static final int FORMAT_VERSION = 1;

    /** Tells this document from the plan document. */
    public static final String KIND = "apply-result";

    private final UnaryOperator<String> masked;

    /** A renderer that writes AWS's error messages as they are. */
    public ApplyResultJsonRenderer() {
        this(UnaryOperator.identity());
    }

    /**
     * @param masked what an error message is written as: AWS may repeat in one what a request carried,
     *     a sensitive value or a credential among it
     */
    public ApplyResultJsonRenderer(UnaryOperator<String> masked) {
        this.masked = masked;
    }

    /**
     * The result as a pretty-printed JSON document ending with a newline.
     *
     * @param plan what the run set out to do
     * @param result what it did; a run with nothing to do has no outcomes and the prior state
     */
    public String render(Plan plan, ExecutionResult result) {
        ObjectNode root = PrettyJson.mapper().createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", KIND);
        root.put("mode", plan.mode().name().toLowerCase(Locale.ROOT));
        root.put("stack", plan.stack());
        root.put("environment", plan.environment());
        root.put("status", status(result));
        root.set("state", state(result.state()));
        root.put("elapsedMillis", result.elapsed().toMillis());
        Map<String, String> types = new HashMap<>();
        plan.changes().forEach(change -> types.put(change.address().toString(), change.type()));
        ArrayNode resources = root.putArray("resources");
        result.outcomes().forEach(outcome -> resources.add(outcome(outcome, types.get(outcome.address().toString()))));
        root.set("summary", summary(result));
        ArrayNode notProvisioned = root.putArray("notProvisioned");
        plan.notProvisioned().forEach(notProvisioned::add);
        ObjectNode outputs = root.putObject("outputs");
        if (plan.mode() != PlanMode.DESTROY) {
            result.state().outputs().forEach((name, value) -> outputs.set(name,
                    AttributeJson.PLAIN.toJson(SensitiveValues.shown(value))));
        }
        return PrettyJson.write(root);
    }

    /** {@code complete}, {@code failed} or {@code interrupted}. */
    private static String status(ExecutionResult result) {
        if (result.interrupted()) {
            return "interrupted";
        }
        return result.failures().isEmpty() && result.stateFailure() == null ? "complete" : "failed";
    }

    /** The state written last; {@code null} when the stack has none, as before a first apply. */
    private static ObjectNode state(State state) {
        if (state.serial() == 0) {
            return null;
        }
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("lineage", state.lineage().toString());
        node.put("serial", state.serial());
        return node;
    }

    private ObjectNode outcome(ResourceOutcome outcome, String type) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("address", outcome.address().toString());
        node.put("type", type);
        node.put("action", outcome.action().jsonName());
        node.put("status", statusName(outcome.status()));
        node.put("elapsedMillis", outcome.elapsed().toMillis());
        ChangeFailure failure = outcome.failure();
        if (failure == null) {
            node.putNull("error");
        } else {
            ObjectNode error = node.putObject("error");
            error.put("operation", failure.operation());
            error.put("code", failure.code());
            error.put("message", failure.message() == null ? null : masked.apply(failure.message()));
        }
        node.put("failedDependency", outcome.failedDependency() == null ? null : outcome.failedDependency().toString());
        return node;
    }

    private static ObjectNode summary(ExecutionResult result) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("done", result.count(ResourceOutcome.Status.DONE));
        node.put("failed", result.count(ResourceOutcome.Status.FAILED));
        node.put("skipped", result.count(ResourceOutcome.Status.SKIPPED));
        node.put("interrupted", result.count(ResourceOutcome.Status.INTERRUPTED));
        node.put("notStarted", result.count(ResourceOutcome.Status.NOT_STARTED));
        node.put("added", made(result, Action.CREATE));
        node.put("changed", made(result, Action.UPDATE));
        node.put("replaced", made(result, Action.CREATE_THEN_DELETE) + made(result, Action.DELETE_THEN_CREATE));
        node.put("destroyed", made(result, Action.DELETE));
        return node;
    }

    /** How many changes of an action were made. */
    private static long made(ExecutionResult result, Action action) {
        return result.outcomes().stream()
                .filter(o -> o.status() == ResourceOutcome.Status.DONE && o.action() == action).count();
    }

    /** {@code done}, {@code failed}, {@code skipped}, {@code not-started}. */
    private static String statusName(ResourceOutcome.Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
