package dev.scaffold.provider.aws.acm;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.schema.StackTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * ACM's idempotency token for a certificate request: within an hour, ACM answers a request that repeats a token
 * with the certificate the first one made. The token is a digest of the resource's lineage and address and of what
 * it asks for, so every attempt at one create (the SDK's retry of a lost answer, the apply after a crash) gets the
 * one certificate it made; another state's, another address's, or a replace that asks for other names, a new one.
 */
final class IdempotencyToken {

    /** ACM's tokens are at most 32 word characters. */
    private static final int LENGTH = 32;

    private IdempotencyToken() {
    }

    static String of(ResourceSpec spec) {
        Attributes desired = Attributes.of(spec);
        List<String> names = desired.has("subjectAlternativeNames")
                ? desired.strings("subjectAlternativeNames").stream().sorted().toList() : List.of();
        String request = String.join("\n", String.valueOf(spec.tags().get(StackTags.LINEAGE)),
                spec.address().toString(), desired.string("domainName"), String.join(",", names),
                String.valueOf(desired.values().get("validationMethod")));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
