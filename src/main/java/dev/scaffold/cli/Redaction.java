package dev.scaffold.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks AWS credentials in any text scaffold writes — log lines, wire logs, messages — at every
 * verbosity: {@code Authorization} headers (key id, scope and signature), security tokens, signatures,
 * secret keys and session tokens as fields, elements or environment entries, access key ids by their
 * shape, and the very values of the credential environment variables wherever they turn up.
 */
final class Redaction {

    static final String MASK = "****";

    /** The credential variables whose values are masked wherever they appear. */
    private static final List<String> SECRET_VARIABLES =
            List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ACCESS_KEY_ID");

    /** Shorter values are not masked literally: "test" would mask every word that holds it. */
    private static final int LITERAL_MIN_LENGTH = 12;

    // Each alternative keeps its group (the name and separator) and masks what follows.
    private static final Pattern CREDENTIALS = Pattern.compile(String.join("|",
            "((?i:authorization)\"?\\s*[:=]\\s*\"?)[^\\r\\n\"]+",
            "((?i:x-amz-security-token|x-amz-credential|x-amz-signature)\"?\\s*[:=]\\s*\"?)[^\\s&\"',;]+",
            "((?i:aws_?)?(?i:secret_?access_?key|session_?token|security_?token|access_?key_?id)\"?\\s*[:=]\\s*\"?)"
                    + "[^\\s&\"',;)\\]}]+",
            "(<(?:SecretAccessKey|SessionToken|AccessKeyId)>)[^<]+",
            "((?i:signature)=)[0-9a-fA-F]{16,}",
            "()\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"));

    private final List<String> literals;

    private Redaction(List<String> literals) {
        this.literals = List.copyOf(literals);
    }

    /** Masks the shapes above and the values of this environment's credential variables. */
    static Redaction of(Map<String, String> environment) {
        List<String> literals = new ArrayList<>();
        for (String name : SECRET_VARIABLES) {
            String value = environment.get(name);
            if (value != null && value.strip().length() >= LITERAL_MIN_LENGTH) {
                literals.add(value.strip());
            }
        }
        // The longest first, so a value that holds another is masked whole.
        literals.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(literals);
    }

    /** The text with every credential in it masked. */
    String apply(String text) {
        String masked = text;
        for (String literal : literals) {
            masked = masked.replace(literal, MASK);
        }
        Matcher matcher = CREDENTIALS.matcher(masked);
        return matcher.find() ? matcher.reset().replaceAll(Redaction::mask) : masked;
    }

    private static String mask(MatchResult match) {
        for (int group = 1; group <= match.groupCount(); group++) {
            if (match.group(group) != null) {
                return Matcher.quoteReplacement(match.group(group) + MASK);
            }
        }
        return MASK;
    }
}
