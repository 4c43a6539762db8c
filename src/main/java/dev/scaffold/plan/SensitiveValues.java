package dev.scaffold.plan;

import dev.scaffold.ScaffoldException;
import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Keeps sensitive values out of files: what the state and saved plans hold in place of a sensitive
 * or write-only attribute or tag is a digest of its value, enough to tell whether it changed and
 * nothing more.
 *
 * <p>A digest is PBKDF2 with HMAC-SHA-256, salted with the state's lineage and written with its
 * iteration count, {@code pbkdf2-sha256:ITERATIONS:HEX}: slow, so that a short secret cannot be
 * guessed offline from a state or plan file, and salted, so that one guess does not test every state
 * at once. One instance serves one state (one lineage) and remembers the digests it made, so a plan
 * that holds one secret in many places pays for it once. States written before hold unsalted
 * SHA-256 digests ({@code sha256:HEX}); they are still compared, and replaced on the next write that
 * knows the value.
 */
public final class SensitiveValues {

    /** How a digest in place of a value begins; the iteration count and the hash follow. */
    public static final String PREFIX = "pbkdf2-sha256:";
    /**
     * The iterations of a new digest: about 30 ms for one on a build machine with two shared cores (up to
     * 50 when they are busy; the first of a run, before the JIT has compiled PBKDF2, about 250 ms). See
     * {@code DigestCostBenchmark}. Raising it is safe: a digest carries its count, and older ones still match.
     */
    public static final int ITERATIONS = 120_000;
    /** How an unsalted SHA-256 digest, as scaffold wrote them before, begins. */
    static final String LEGACY_PREFIX = "sha256:";

    private static final String SHOWN = "(sensitive)";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int HASH_BITS = 256;
    /** More iterations than any scaffold writes: a count above it is a damaged or hostile file, never honoured. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final Pattern DIGEST = Pattern.compile("pbkdf2-sha256:([1-9][0-9]{0,7}):([0-9a-f]{64})");
    private static final Pattern LEGACY = Pattern.compile("sha256:[0-9a-f]{64}");

    private final byte[] salt;
    /** The digests made so far, by iteration count and canonical value. */
    private final Map<String, String> made = new ConcurrentHashMap<>();

    private SensitiveValues(UUID lineage) {
        this.salt = lineage.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The digests of the state of this lineage, and of the plans made against it. */
    public static SensitiveValues salted(UUID lineage) {
        return new SensitiveValues(Objects.requireNonNull(lineage, "lineage"));
    }

    /** The digest of a value: the same value always gives the same digest, whatever its Java types. */
    public String digest(Object value) {
        return digest(canonical(value), ITERATIONS);
    }

    /**
     * Whether {@code recorded} is a digest of {@code value}: one of this lineage (at the iterations it
     * names) or an unsalted one of an older scaffold. A recorded value that is no digest never matches.
     */
    public boolean matches(Object recorded, Object value) {
        if (!(recorded instanceof String text)) {
            return false;
        }
        if (LEGACY.matcher(text).matches()) {
            return text.equals(legacyDigest(value));
        }
        Matcher digest = DIGEST.matcher(text);
        if (!digest.matches() || Integer.parseInt(digest.group(1)) > MAX_ITERATIONS) {
            return false;
        }
        String computed = digest(canonical(value), Integer.parseInt(digest.group(1)));
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a recorded value is {@code true}, or a digest of it: a flag recorded as sensitive still counts. */
    public boolean isTrue(Object recorded) {
        return Boolean.TRUE.equals(recorded) || isDigest(recorded) && matches(recorded, true);
    }

    /** What a recorded value shows a user: {@code (sensitive)} in place of a digest, any other value as it is. */
    public static Object shown(Object recorded) {
        return isDigest(recorded) ? SHOWN : recorded;
    }

    /** Whether a recorded value is a digest rather than a value: of this scaffold or of an older one. */
    public static boolean isDigest(Object recorded) {
        return recorded instanceof String text
                && (text.startsWith(PREFIX) && DIGEST.matcher(text).matches() || LEGACY.matcher(text).matches());
    }

    /**
     * The attributes with every sensitive one (by the type's schema or by name in {@code alsoSensitive})
     * replaced by its digest; a value that is a digest already stays as it is.
     */
    public Map<String, Object> masked(ResourceType type, Set<String> alsoSensitive, Map<String, Object> attributes) {
        Map<String, Object> masked = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            boolean sensitive = type.attribute(name).sensitive() || alsoSensitive.contains(name);
            masked.put(name, sensitive && value != null && !isDigest(value) ? digest(value) : value);
        });
        return masked;
    }

    /**
     * The state with every unsalted digest of an older scaffold replaced by a digest of this lineage,
     * where the plan's desired value shows what it was a digest of; the others stay as they are.
     */
    public State upgraded(State state, Plan plan) {
        State upgraded = state;
        for (ResourceChange change : plan.changes()) {
            ResourceState record = upgraded.resources().get(change.address());
            if (change.desired() == null || record == null) {
                continue;
            }
            Map<String, Object> attributes = new LinkedHashMap<>(record.attributes());
            boolean any = false;
            for (Map.Entry<String, Object> entry : attributes.entrySet()) {
                Object value = change.desired().attributes().get(entry.getKey());
                if (entry.getValue() instanceof String recorded && LEGACY.matcher(recorded).matches() && value != null
                        && !ValueComparison.containsRef(value) && recorded.equals(legacyDigest(value))) {
                    entry.setValue(digest(value));
                    any = true;
                }
            }
            if (any) {
                upgraded = upgraded.with(new ResourceState(record.address(), record.type(), record.physicalId(),
                        record.arn(), attributes, record.dependencies(), record.status()));
            }
        }
        return upgraded;
    }

    /**
     * The plan with every sensitive value that a saved plan holds only as a digest filled in again
     * from the blueprint's resources — attributes, tags and the planned changes to them; a value the
     * blueprint no longer gives is refused. The digests are those of the plan's lineage.
     *
     * @param graph the blueprint's resources, as loaded for the apply
     * @throws ScaffoldException when the blueprint now gives another value than the plan was made with
     */
    public static Plan restored(Plan plan, DesiredGraph graph) {
        SensitiveValues digests = salted(plan.lineage());
        List<ResourceChange> changes = new ArrayList<>();
        for (ResourceChange change : plan.changes()) {
            changes.add(change.desired() == null ? change : digests.restored(change, graph));
        }
        return plan.withChanges(changes);
    }

    private ResourceChange restored(ResourceChange change, DesiredGraph graph) {
        ResourceSpec desired = change.desired();
        ResourceSpec given = graph.get(change.address()).orElse(null);
        Map<String, Object> attributes = new LinkedHashMap<>(desired.attributes());
        Map<String, String> tags = new LinkedHashMap<>(desired.tags());
        Map<String, Object> clear = new TreeMap<>();
        for (String name : desired.sensitive()) {
            String tag = ResourceSpec.tagKey(name);
            Object saved = tag != null ? tags.get(tag) : attributes.get(name);
            if (!isDigest(saved)) {
                continue;
            }
            Object value = given == null ? null : tag != null ? given.tags().get(tag) : given.attributes().get(name);
            if (value == null || !matches(saved, value)) {
                throw ScaffoldException.failure("the saved plan was made with another value of the sensitive "
                        + change.address() + "." + name + " than the blueprint gives now; give the sensitive"
                        + " variables the values they had at plan time, or make the plan again");
            }
            if (tag != null) {
                tags.put(tag, (String) value);
            } else {
                attributes.put(name, value);
            }
            clear.put(name, value);
        }
        if (clear.isEmpty()) {
            return change;
        }
        // A handler makes the planned changes with their new values, tags above all.
        List<AttributeChange> planned = change.changes().stream()
                .map(a -> !clear.containsKey(a.name()) || !isDigest(a.after()) ? a
                        : new AttributeChange(a.name(), a.before(), clear.get(a.name()), a.forcesReplace(), a.sensitive()))
                .toList();
        return new ResourceChange(change.address(), change.type(), change.action(),
                desired.withAttributes(attributes).withTags(tags), change.prior(), planned, change.replaceReasons(),
                change.dependencies(), change.standing());
    }

    private String digest(String canonical, int iterations) {
        return made.computeIfAbsent(iterations + ":" + canonical, key -> {
            try {
                byte[] hash = SecretKeyFactory.getInstance(ALGORITHM)
                        .generateSecret(new PBEKeySpec(canonical.toCharArray(), salt, iterations, HASH_BITS))
                        .getEncoded();
                return PREFIX + iterations + ":" + HexFormat.of().formatHex(hash);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
            }
        });
    }

    /** The unsalted SHA-256 digest older scaffolds wrote, to compare what they recorded. */
    private static String legacyDigest(Object value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(value).getBytes(StandardCharsets.UTF_8));
            return LEGACY_PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    // Numbers by value, maps sorted by key, so the blueprint's and the SDK's types digest alike.
    private static String canonical(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(SensitiveValues::canonical).toList().toString();
        }
        return String.valueOf(value);
    }
}
