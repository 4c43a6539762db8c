package dev.scaffold.provider.aws;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.SensitiveValues;
import dev.scaffold.schema.StackTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The idempotency tokens of calls that take one (EC2's {@code ClientToken}): the same for every attempt at one
 * change of one resource, in this run or after a crash in the next, so that AWS answers a repeat with what the
 * first attempt made; another for any other change. A token is the SHA-256 (64 hex digits) of the resource's
 * address, its tags (its stack, environment and lineage), its attributes and what the caller adds, such as
 * the version a new one follows. Sensitive values go in only as the state's slow, salted digests, so that a
 * token seen in a debug log cannot confirm a guessed secret.
 */
public final class ClientTokens {

    private ClientTokens() {
    }

    /** The token of applying {@code spec}, its refs resolved, in the situation {@code context} names. */
    public static String of(ResourceSpec spec, Object... context) {
        String lineage = spec.tags().getOrDefault(StackTags.LINEAGE, spec.address().toString());
        SensitiveValues digests = SensitiveValues.salted(UUID.nameUUIDFromBytes(lineage.getBytes(StandardCharsets.UTF_8)));
        StringBuilder content = new StringBuilder(spec.address().toString());
        new TreeMap<>(spec.tags()).forEach((key, value) -> line(content, "tag " + key,
                spec.sensitiveTag(key) ? digests.digest(value) : value));
        for (Map.Entry<String, Object> attribute : new TreeMap<>(spec.attributes()).entrySet()) {
            Object value = attribute.getValue();
            line(content, attribute.getKey(), spec.sensitive().contains(attribute.getKey()) ? digests.digest(value) : value);
        }
        for (Object part : context) {
            line(content, "context", part);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void line(StringBuilder content, String name, Object value) {
        content.append('\n').append(name).append('=').append(value);
    }
}
