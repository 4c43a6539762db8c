package dev.scaffold.plan;

import static dev.scaffold.state.JsonFields.optionalText;
import static dev.scaffold.state.JsonFields.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.AttributeJson;
import dev.scaffold.state.OwnerOnlyFiles;
import dev.scaffold.state.PrettyJson;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import dev.scaffold.state.StateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A plan saved by {@code scaffold plan --out FILE} for {@code scaffold apply FILE}: everything apply
 * needs (the plan and what it was made from), with the lineage and serial of the state it was made
 * against so a stale plan is refused.
 *
 * <p>The file is JSON, mode 0600. Sensitive values are written only as digests, salted with the plan's
 * lineage (see {@link SensitiveValues}); apply fills them in again from the blueprint. Refs are written as
 * {@code {"$ref": "loadBalancers.web.alb.arn"}}.
 */
public final class SavedPlan {

    /**
     * What a saved plan file holds.
     *
     * @param plan the plan
     * @param source what it was made from
     */
    public record Contents(Plan plan, PlanSource source) {
    }

    /** The value of the {@code kind} field, which tells a saved plan from {@code plan --json} output. */
    static final String KIND = "saved-plan";

    private static final StateCodec STATE_CODEC = new StateCodec();
    private static final AttributeJson VALUES = AttributeJson.WITH_REFS;

    private SavedPlan() {
    }

    /**
     * Writes the plan to {@code file}, replacing it atomically, readable by its owner only; a file
     * there that is not a saved plan (a blueprint, say) is never replaced.
     */
    public static void write(Plan plan, PlanSource source, Path file) {
        refuseToReplaceAnythingElse(file);
        try {
            ObjectNode root = encode(plan);
            root.set("source", encode(source));
            OwnerOnlyFiles.writeAtomically(file, PrettyJson.bytes(root));
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot write the plan to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a plan {@link #write} wrote, with what it was made from, for {@code scaffold apply FILE}. */
    public static Contents read(Path file) {
        return read(file, "apply");
    }

    /**
     * Reads a plan {@link #write} wrote, with what it was made from. A file that is no saved plan is refused
     * saying what it is, when that can be told, and what to run instead.
     *
     * @param command the command that reads it, {@code apply} or {@code show}, for the hint given with a blueprint
     */
    public static Contents read(Path file, String command) {
        String saveOne = "; save one with scaffold plan --out " + file;
        JsonNode root;
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw ScaffoldException.failure(file + " is not a saved plan: it is empty" + saveOne);
            }
            root = PrettyJson.read(bytes);
        } catch (NoSuchFileException e) {
            throw ScaffoldException.failure("the saved plan " + file + " does not exist; write one with scaffold plan --out "
                    + file, e);
        } catch (JsonProcessingException e) {
            if (looksLikeBlueprint(file)) {
                throw notAPlanButABlueprint(file, command, e);
            }
            throw ScaffoldException.failure(file + " is not a saved plan: it is not JSON (a damaged or cut-off plan, or"
                    + " another kind of file: " + e.getOriginalMessage() + ")" + saveOne, e);
        } catch (IOException e) {
            throw ScaffoldException.failure("cannot read the saved plan " + file + ": " + e.getMessage(), e);
        }
        if (!KIND.equals(root.path("kind").asText())) {
            if (looksLikeBlueprint(file)) {
                throw notAPlanButABlueprint(file, command, null);
            }
            boolean planJson = root.has("changes") && root.has("summary");
            throw ScaffoldException.failure(file + " is not a saved plan" + (planJson
                    ? ": it is scaffold plan --json output, which shows a plan but cannot be applied" : "") + saveOne);
        }
        if (!root.path("formatVersion").isInt()) {
            throw ScaffoldException.failure(file + " is not a saved plan scaffold can read: it has no format version"
                    + " (damaged, or not written by scaffold plan --out)" + saveOne);
        }
        int version = root.path("formatVersion").asInt();
        if (version < Plan.FORMAT_VERSION) {
            throw ScaffoldException.failure("the saved plan " + file + " has format version " + version
                    + ", which this scaffold no longer applies; run scaffold plan --out " + file + " again");
        }
        if (version > Plan.FORMAT_VERSION) {
            throw ScaffoldException.failure("the saved plan " + file + " has format version " + version
                    + ", but this scaffold reads only up to version " + Plan.FORMAT_VERSION + "; upgrade scaffold");
        }
        try {
            return new Contents(decode(root), decodeSource(required(root, "source")));
        } catch (RuntimeException e) {
            throw ScaffoldException.failure("the saved plan " + file + " is damaged: " + e.getMessage()
                    + "; run scaffold plan --out " + file + " again", e);
        }
    }

    /** A blueprint given where a saved plan belongs: {@code apply} it with -f, or {@code show} its plan. */
    private static ScaffoldException notAPlanButABlueprint(Path file, String command, Throwable cause) {
        String instead = command.equals("apply") ? "to apply it, run: scaffold apply -f " + file
                : "to check it, run: scaffold validate -f " + file + " (scaffold plan -f " + file
                        + ", given its variables, shows what it would change)";
        return ScaffoldException.failure(file + " is a blueprint, not a saved plan; " + instead, cause);
    }

    /**
     * Refuses a plan made against another state than the current one: another lineage, another
     * serial, or a state that appeared or vanished since.
     *
     * @param current the state as it is now, or {@code null} when there is none
     * @param replan the command that makes the plan again, for the message
     */
    public static void checkCurrent(Plan plan, State current, String replan) {
        String madeAgainst = plan.newState() ? "when the stack had no state"
                : "against state serial " + plan.serial() + " of lineage " + plan.lineage();
        String now;
        if (current == null) {
            if (plan.newState()) {
                return;
            }
            now = "there is no state any more";
        } else {
            if (current.lineage().equals(plan.lineage()) && current.serial() == plan.serial()) {
                return;
            }
            now = current.lineage().equals(plan.lineage())
                    ? "the state is now at serial " + current.serial()
                    : "the state is now serial " + current.serial() + " of lineage " + current.lineage();
        }
        throw ScaffoldException.failure("saved plan is stale: it was made " + madeAgainst + ", but " + now
                + "; nothing was changed. Make the plan again: " + replan);
    }

    private static final Pattern BLUEPRINT_KEY = Pattern.compile("(?m)^blueprint\\s*:");

    /** Whether a file reads as a blueprint: YAML with a top-level {@code blueprint:} key. */
    private static boolean looksLikeBlueprint(Path file) {
        try {
            return BLUEPRINT_KEY.matcher(Files.readString(file)).find();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Refuses a file that a plan may not be saved to: one that exists and is not a saved plan, which
     * {@code plan --out} never replaces. Called before planning too, so that no work is lost.
     */
    public static void refuseToReplaceAnythingElse(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean savedPlan;
        try {
            savedPlan = Files.isRegularFile(file)
                    && KIND.equals(PrettyJson.read(Files.readAllBytes(file)).path("kind").asText());
        } catch (IOException | RuntimeException e) {
            savedPlan = false;
        }
        if (!savedPlan) {
            throw ScaffoldException.failure(file + " exists and is not a saved plan; plan --out replaces only a"
                    + " plan it saved before, so choose another file name or move that file away");
        }
    }

    private static ObjectNode encode(PlanSource source) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("blueprint", source.blueprint());
        node.put("environment", source.environment());
        ObjectNode variables = node.putObject("variables");
        source.variables().forEach(variables::put);
        strings(node.putArray("sensitiveVariables"), source.sensitiveVariables());
        strings(node.putArray("targets"), source.targets());
        node.put("refreshed", source.refreshed());
        return node;
    }

    private static PlanSource decodeSource(JsonNode node) {
        Map<String, String> variables = new LinkedHashMap<>();
        required(node, "variables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        Set<ResourceAddress> targets = new TreeSet<>();
        node.path("targets").forEach(t -> targets.add(ResourceAddress.parse(t.asText())));
        return new PlanSource(required(node, "blueprint").asText(), optionalText(node, "environment"), variables,
                strings(node.path("sensitiveVariables")), targets, required(node, "refreshed").asBoolean());
    }

    static ObjectNode encode(Plan plan) {
        ObjectNode root = PrettyJson.mapper().createObjectNode();
        root.put("kind", KIND);
        root.put("formatVersion", Plan.FORMAT_VERSION);
        root.put("mode", plan.mode().name().toLowerCase(Locale.ROOT));
        root.put("stack", plan.stack());
        root.put("environment", plan.environment());
        root.put("lineage", plan.lineage() == null ? null : plan.lineage().toString());
        root.put("serial", plan.serial());
        root.put("region", plan.region());
        root.put("accountId", plan.accountId());
        root.put("blueprintDigest", plan.blueprintDigest());
        ArrayNode changes = root.putArray("changes");
        SensitiveValues digests = SensitiveValues.salted(plan.lineage());
        plan.changes().forEach(change -> changes.add(encode(change, digests)));
        ArrayNode protectedDeletes = root.putArray("protectedDeletes");
        for (Protection protection : plan.protectedDeletes()) {
            ObjectNode node = protectedDeletes.addObject();
            node.put("address", protection.address().toString());
            node.put("type", protection.type());
            node.put("attribute", protection.attribute());
        }
        ForeignResource.writeAll(plan.foreign(), root.putArray("foreign"));
        ArrayNode notProvisioned = root.putArray("notProvisioned");
        plan.notProvisioned().forEach(notProvisioned::add);
        ArrayNode awaitingYou = root.putArray("awaitingYou");
        plan.awaitingYou().forEach(awaitingYou::add);
        root.put("production", plan.production());
        return root;
    }

    private static ObjectNode encode(ResourceChange change, SensitiveValues digests) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("address", change.address().toString());
        node.put("type", change.type());
        node.put("action", change.action().jsonName());
        node.put("standing", change.standing().jsonName());
        strings(node.putArray("replaceReasons"), change.replaceReasons());
        strings(node.putArray("dependencies"), change.dependencies());
        node.set("desired", change.desired() == null ? null : encode(change.desired(), digests));
        node.set("prior", change.prior() == null ? null : STATE_CODEC.encodeResource(maskedPrior(change, digests)));
        ArrayNode attributes = node.putArray("attributes");
        for (AttributeChange attribute : change.changes()) {
            ObjectNode a = attributes.addObject();
            a.put("name", attribute.name());
            boolean sensitive = attribute.sensitive();
            a.set("before", VALUES.toJson(sensitive ? masked(attribute.before(), digests) : attribute.before()));
            a.set("after", VALUES.toJson(sensitive ? masked(attribute.after(), digests) : attribute.after()));
            a.put("forcesReplace", attribute.forcesReplace());
            a.put("sensitive", attribute.sensitive());
        }
        return node;
    }

    private static ObjectNode encode(ResourceSpec spec, SensitiveValues digests) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        node.put("mode", spec.mode().name().toLowerCase(Locale.ROOT));
        node.set("attributes", attributesInOrder(spec, digests));
        Map<String, Object> tags = new LinkedHashMap<>(spec.tags());
        tags.replaceAll((key, value) -> spec.sensitiveTag(key) ? masked(value, digests) : value);
        node.set("tags", VALUES.toJson(tags));
        strings(node.putArray("dependsOn"), spec.dependsOn());
        strings(node.putArray("sensitive"), new TreeSet<>(spec.sensitive()));
        return node;
    }

    /**
     * A spec's attributes keep the component's order, which renderers and handlers may rely on; a
     * sensitive one is written as its digest, never in clear.
     */
    private static ObjectNode attributesInOrder(ResourceSpec spec, SensitiveValues digests) {
        ObjectNode node = PrettyJson.mapper().createObjectNode();
        spec.attributes().forEach((name, value) -> node.set(name,
                VALUES.toJson(spec.sensitive().contains(name) ? masked(value, digests) : value)));
        return node;
    }

    // What the state recorded of a sensitive attribute is kept as a digest too, in case it held it in clear.
    private static ResourceState maskedPrior(ResourceChange change, SensitiveValues digests) {
        Set<String> sensitive = new TreeSet<>(change.desired() == null ? Set.of() : change.desired().sensitive());
        change.changes().stream().filter(AttributeChange::sensitive).forEach(a -> sensitive.add(a.name()));
        ResourceState prior = change.prior();
        Map<String, Object> attributes = new LinkedHashMap<>();
        prior.attributes().forEach((name, value) -> attributes.put(name,
                sensitive.contains(name) ? masked(value, digests) : value));
        return new ResourceState(prior.address(), prior.type(), prior.physicalId(), prior.arn(), attributes,
                prior.dependencies(), prior.status());
    }

    // A value known only after apply stays a ref: it holds no secret of its own.
    // A value with refs in it is digested as written, refs and all (its text may hold the secret itself, e.g. user
    // data with an endpoint known only after apply); apply restores it from the blueprint and resolves it then.
    private static Object masked(Object value, SensitiveValues digests) {
        return value == null || SensitiveValues.isDigest(value) ? value : digests.digest(value);
    }

    private static Plan decode(JsonNode root) {
        List<ResourceChange> changes = new ArrayList<>();
        root.path("changes").forEach(node -> changes.add(decodeChange(node)));
        List<ForeignResource> foreign = new ArrayList<>();
        root.path("foreign").forEach(node -> foreign.add(new ForeignResource(
                ResourceAddress.parse(required(node, "address").asText()), required(node, "type").asText(),
                required(node, "physicalId").asText(), optionalText(node, "lineage"), optionalText(node, "stack"))));
        return new Plan(Plan.FORMAT_VERSION,
                PlanMode.valueOf(required(root, "mode").asText().toUpperCase(Locale.ROOT)),
                optionalText(root, "stack"), optionalText(root, "environment"),
                UUID.fromString(required(root, "lineage").asText()),
                required(root, "serial").asLong(), optionalText(root, "region"), optionalText(root, "accountId"),
                optionalText(root, "blueprintDigest"), changes, foreign, protectedDeletes(root),
                texts(root.path("notProvisioned")), texts(root.path("awaitingYou")), root.path("production").asBoolean());
    }

    private static List<Protection> protectedDeletes(JsonNode root) {
        List<Protection> protections = new ArrayList<>();
        root.path("protectedDeletes").forEach(node -> protections.add(new Protection(
                ResourceAddress.parse(required(node, "address").asText()), required(node, "type").asText(),
                required(node, "attribute").asText())));
        return protections;
    }

    private static ResourceChange decodeChange(JsonNode node) {
        ResourceAddress address = ResourceAddress.parse(required(node, "address").asText());
        String type = required(node, "type").asText();
        JsonNode desired = node.get("desired");
        JsonNode prior = node.get("prior");
        List<AttributeChange> attributes = new ArrayList<>();
        node.path("attributes").forEach(a -> attributes.add(new AttributeChange(
                required(a, "name").asText(), VALUES.fromJson(a.get("before")), VALUES.fromJson(a.get("after")),
                a.path("forcesReplace").asBoolean(), a.path("sensitive").asBoolean())));
        Set<ResourceAddress> dependencies = new TreeSet<>();
        node.path("dependencies").forEach(d -> dependencies.add(ResourceAddress.parse(d.asText())));
        return new ResourceChange(address, type, Action.fromJsonName(required(node, "action").asText()),
                desired == null || desired.isNull() ? null : decodeSpec(address, type, desired),
                prior == null || prior.isNull() ? null : STATE_CODEC.decodeResource(address, prior),
                attributes, strings(node.path("replaceReasons")), dependencies,
                Standing.fromJsonName(required(node, "standing").asText()));
    }

    private static ResourceSpec decodeSpec(ResourceAddress address, String type, JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        Set<ResourceAddress> dependsOn = new TreeSet<>();
        node.path("dependsOn").forEach(d -> dependsOn.add(ResourceAddress.parse(d.asText())));
        return new ResourceSpec(address, type, Mode.valueOf(required(node, "mode").asText().toUpperCase(Locale.ROOT)),
                VALUES.mapFromJson(node.get("attributes")), tags, dependsOn, strings(node.path("sensitive")));
    }

    /** The texts of an array, in its order; none when it is missing, as in a plan saved before it was written. */
    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static void strings(ArrayNode array, Set<?> values) {
        values.forEach(v -> array.add(v.toString()));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
