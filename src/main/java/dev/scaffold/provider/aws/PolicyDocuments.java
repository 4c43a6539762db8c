package dev.scaffold.provider.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scaffold.state.AttributeJson;
import dev.scaffold.state.PrettyJson;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * IAM and KMS policy documents between scaffold's form, maps and lists as a blueprint writes them, and
 * AWS's, JSON text. Read back and parsed, a document compares equal to the one written however AWS spaced it.
 */
public final class PolicyDocuments {

    private PolicyDocuments() {
    }

    /** A document as the JSON text AWS takes. */
    public static String toJson(Object document) {
        return AttributeJson.PLAIN.toJson(document).toString();
    }

    /** The document a JSON text holds; {@code null} for none. */
    public static Object fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return AttributeJson.PLAIN.fromJson(PrettyJson.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("AWS answered a policy document that is not JSON", e);
        }
    }

    /** The document IAM answers with, URL-encoded JSON text (RFC 3986); {@code null} for none. */
    public static Object fromUrlEncoded(String encoded) {
        return encoded == null ? null : fromJson(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }
}
