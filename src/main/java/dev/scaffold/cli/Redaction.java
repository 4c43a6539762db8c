package dev.scaffold.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks AWS credentials in any text scaffold writes — log lines, wire logs, messages — at every
 * verbosity: {@code Authorization} headers (key id, scope and signature), security tokens, signatures,
 * secret keys and session tokens as fields, elements or environment entries, access key ids by their
 * shape, and the very values of the credential environment variables wherever they turn up; secret values in the
 * fields that carry them (Secrets Manager's {@code SecretString} and {@code RandomPassword}, ElastiCache's
 * {@code AuthToken}), which a handler reads or generates during a run and no blueprint names.
 *
 * <p>Once a blueprint is loaded, the values of its sensitive variables are masked too, as
 * {@code (sensitive)}: as they are and as a request or response carries them (URL-, JSON- or
 * XML-escaped), e.g. in the wire log of the request that sets a tag. One instance serves a run, so
 * that the logs and the messages learn of them at once.
 */
final class Redaction {

    static final String MASK = "****";
    static final String SENSITIVE = "(sensitive)";

    /** Shorter sensitive values are masked only as whole words: "1" would mask every other number. */
    private static final int SENSITIVE_MIN_LENGTH = 4;
    /** Runs of base64 long enough to hold a value; in a form-encoded request its {@code +/=} are escaped. */
    private static final int BASE64_MIN_LENGTH = 8;
    private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]|%2B|%2F){8,}(?:=|%3D){0,2}");

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
            // Secret values as the APIs that carry them write them: Secrets Manager's JSON fields (a JSON string up to
            // its closing quote, escapes included) and ElastiCache's AuthToken form field.
            "(\"(?:SecretString|SecretBinary|RandomPassword)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*",
            "(\\bAuthToken=)[^&\\s]+",
            "((?i:signature)=)[0-9a-fA-F]{16,}",
            "()\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"));

    private final List<String> literals;
    /** The forms of the sensitive values to mask anywhere, the longest first; replaced whole, never changed. */
    private volatile List<String> sensitive = List.of();
    /** The short sensitive values, masked as whole words, or {@code null} for none. */
    private volatile Pattern shortSensitive;

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

    /**
     * Masks these sensitive values from now on, wherever they appear as they are or escaped as a URL,
     * JSON or XML writes them.
     */
    synchronized void alsoMask(Collection<String> values) {
        Set<String> forms = new LinkedHashSet<>(sensitive);
        Set<String> words = new TreeSet<>();
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            for (String form : escapedForms(value)) {
                (form.length() >= SENSITIVE_MIN_LENGTH ? forms : words).add(form);
            }
        }
        List<String> longestFirst = new ArrayList<>(forms);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        sensitive = List.copyOf(longestFirst);
        if (!words.isEmpty()) {
            String alternatives = String.join("|", words.stream().map(Pattern::quote).toList());
            String previous = shortSensitive == null ? "" : shortSensitive.pattern() + "|";
            shortSensitive = Pattern.compile(previous + "(?<![\\p{Alnum}])(?:" + alternatives + ")(?![\\p{Alnum}])");
        }
    }

    /** The text with every credential and sensitive value in it masked. */
    String apply(String text) {
        String masked = unencoded(text);
        for (String literal : literals) {
            masked = masked.replace(literal, MASK);
        }
        for (String value : sensitive) {
            masked = masked.replace(value, SENSITIVE);
        }
        Pattern words = shortSensitive;
        if (words != null) {
            masked = words.matcher(masked).replaceAll(SENSITIVE);
        }
        Matcher matcher = CREDENTIALS.matcher(masked);
        return matcher.find() ? matcher.reset().replaceAll(Redaction::mask) : masked;
    }

    /**
     * The text with each base64 run that decodes to a text holding a sensitive value masked whole: AWS takes
     * some values base64-encoded (a launch template's user data), where no substring gives the value away.
     */
    private String unencoded(String text) {
        List<String> values = sensitive;
        if (values.isEmpty() || text.length() < BASE64_MIN_LENGTH) {
            return text;
        }
        Matcher run = BASE64.matcher(text);
        StringBuilder masked = null;
        int copied = 0;
        while (run.find()) {
            String decoded = decoded(run.group());
            if (decoded != null && values.stream().anyMatch(decoded::contains)) {
                masked = masked == null ? new StringBuilder() : masked;
                masked.append(text, copied, run.start()).append(SENSITIVE);
                copied = run.end();
            }
        }
        return masked == null ? text : masked.append(text, copied, text.length()).toString();
    }

    private static String decoded(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.replace("%2B", "+").replace("%2F", "/")
                    .replace("%3D", "=")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    // As the value reads in a form-encoded or query request, a JSON body and an XML response.
    private static Set<String> escapedForms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20"));
        forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(value)));
        forms.add(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;"));
        return forms;
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
