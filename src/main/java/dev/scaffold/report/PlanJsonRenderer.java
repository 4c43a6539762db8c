package dev.scaffold.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.plan.ForeignResource;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.state.AttributeJson;
import dev.scaffold.state.PrettyJson;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Plan} as the versioned JSON document of {@code plan --json}, for CI and other
 * tools; {@code docs/plan-json.md} describes every field. Sensitive values are never written.
 */
public final class PlanJsonRenderer {

    /** The version of this document's format; it changes only when a field changes meaning or goes away. */
    public static final int FORMAT_VERSION = 2;

    /** The plan as a pretty-printed JSON document ending with a newline. */
    public String render(Plan plan) {
        ObjectNode root = PrettyJson.mapper().createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("mode", plan.mode().name().toLowerCase(Locale.ROOT));
        root.put("stack", plan.stack());
        root.put("environment", plan.environment());
        ObjectNode prior = root.putObject("priorState");
        prior.put("lineage", plan.lineage() == null ? null : plan.lineage().toString());
        prior.put("serial", plan.serial());
        prior.put("region", plan.region());
        prior.put("accountId", plan.accountId());
        root.put("blueprintDigest", plan.blueprintDigest());
        root.put("hasChanges", plan.hasChanges());
        ArrayNode changes = root.putArray("changes");
        plan.changes().forEach(change -> changes.add(change(change)));
        ForeignResource.writeAll(plan.foreign(), root.putArray("foreign"));
        ArrayNode notProvisioned = root.putArray("notProvisioned");
        plan.notProvisioned().forEach(notProvisioned::add);
        ArrayNode awaitingYou = root.putArray("awaitingYou");
        plan.awaitingYou().forEach(awaitingYou::add);
        root.put("refusal", plan.refusal().orElse(null));
        root.set("summary", summary(plan));
        return PrettyJson.write(root);
    }

    private static ObjectNode change(ResourceChange change) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("address", change.address().toString());
        node.put("type", change.type());
        node.put("action", change.action().jsonName());
        node.put("adopted", change.adopted());
        node.put("standing", change.standing().jsonName());
        ArrayNode reasons = node.putArray("replaceReasons");
        change.replaceReasons().forEach(reasons::add);
        ArrayNode attributes = node.putArray("attributes");
        change.changes().forEach(attribute -> attributes.add(attribute(attribute)));
        return node;
    }

    private static ObjectNode attribute(AttributeChange attribute) {
        boolean unknown = attribute.knownAfterApply();
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("name", attribute.name());
        node.set("before", attribute.sensitive() ? null : AttributeJson.PLAIN.toJson(attribute.before()));
        node.set("after", attribute.sensitive() || unknown ? null : AttributeJson.PLAIN.toJson(attribute.after()));
        node.put("knownAfterApply", unknown);
        node.put("sensitive", attribute.sensitive());
        node.put("forcesReplace", attribute.forcesReplace());
        return node;
    }

    private static ObjectNode summary(Plan plan) {
        Map<Action, Integer> counts = plan.counts();
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("add", counts.get(Action.CREATE));
        node.put("change", counts.get(Action.UPDATE));
        node.put("replace", plan.replaceCount());
        node.put("destroy", counts.get(Action.DELETE));
        node.put("unchanged", counts.get(Action.NO_OP));
        node.put("adopt", (int) plan.changes().stream().filter(ResourceChange::adopted).count());
        return node;
    }
}
