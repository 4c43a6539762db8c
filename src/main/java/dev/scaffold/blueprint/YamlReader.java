package dev.scaffold.blueprint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads one YAML file into a tree of {@link YamlNode}s that remember their positions, defensively: size,
 * nesting and alias expansion are bounded, and duplicate keys, tabs and syntax errors become diagnostics.
 */
final class YamlReader {

    static final long MAX_FILE_BYTES = 3L * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_COLLECTION_ALIASES = 50;
    static final long MAX_EXPANDED_NODES = 100_000;
    private static final String MERGE_KEY = "<<";
    private static final Pattern QUOTED_TEXT = Pattern.compile("'([^']{" + Quoted.MAX_SHOWN + ",})'");

    private final YAMLFactory factory;
    private final JsonFactory jsonFactory;

    YamlReader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setNestingDepthLimit(MAX_DEPTH);
        // Duplicate keys are detected while building the tree, where both positions are known.
        options.setAllowDuplicateKeys(true);
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH + 1)
                .maxStringLength((int) MAX_FILE_BYTES)
                .maxDocumentLength(MAX_FILE_BYTES)
                .build();
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // 'key:' with nothing after it is null, as YAML says; and only true/false are booleans, so
                // 'no' or 'on' stay strings (YAML 1.2 rather than 1.1).
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                .streamReadConstraints(constraints)
                .build();
        // JSON is read by the JSON parser, so that tab-indented JSON (valid JSON, invalid YAML) is accepted.
        this.jsonFactory = JsonFactory.builder()
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(constraints)
                .build();
    }

    /** Reads {@code file}, named {@code display} in diagnostics; {@code null} when it could not be read. */
    YamlNode readFile(Path file, String display, Diagnostics diagnostics) {
        Origin start = Origin.startOf(display);
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                diagnostics.error(start, "too-large", "file is " + size / (1024 * 1024)
                        + " MB; a blueprint may be at most " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
                return null;
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            diagnostics.error(Origin.of(display), "file-not-found", "file not found");
            return null;
        } catch (CharacterCodingException e) {
            diagnostics.error(start, "encoding", "file is not valid UTF-8 text");
            return null;
        } catch (IOException e) {
            diagnostics.error(Origin.of(display), "io", "cannot read file: " + e.getMessage());
            return null;
        }
        return file.getFileName().toString().endsWith(".json")
                ? readJson(text, display, diagnostics)
                : readText(text, display, diagnostics);
    }

    private YamlNode readJson(String text, String display, Diagnostics diagnostics) {
        try (JsonParser parser = jsonFactory.createParser(text)) {
            return new TreeBuilder(parser, display, diagnostics).document();
        } catch (JsonProcessingException e) {
            reportParseFailure(e, display, diagnostics);
            return null;
        } catch (IOException e) {
            diagnostics.error(Origin.startOf(display), "syntax", "cannot parse JSON: " + e.getMessage());
            return null;
        } catch (TreeBuilder.Abort e) {
            return null;
        }
    }

    /** Reads YAML (or JSON) text; {@code null} when it was empty or broken. */
    YamlNode readText(String text, String display, Diagnostics diagnostics) {
        try (Reader reader = new StringReader(text);
                YAMLParser parser = factory.createParser(reader)) {
            return new TreeBuilder(parser, display, diagnostics).document();
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof ReaderException) {
                reportUnprintable(text, display, diagnostics);
            } else {
                reportParseFailure(e, display, diagnostics);
            }
            return null;
        } catch (IOException e) {
            diagnostics.error(Origin.startOf(display), "syntax", "cannot parse YAML: " + e.getMessage());
            return null;
        } catch (TreeBuilder.Abort e) {
            return null;
        }
    }

    private static void reportParseFailure(JsonProcessingException e, String display, Diagnostics diagnostics) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            Origin at = mark == null ? Origin.startOf(display) : new Origin(display, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = String.valueOf(marked.getProblem());
            if (problem.contains("'\\t'") || problem.contains("\\t(TAB)") || problem.contains("TAB")) {
                diagnostics.error(at, "tab", "tab character in indentation; indent YAML with spaces");
            } else {
                Mark context = marked.getContextMark();
                String where = marked.getContext() != null && context != null && context.getLine() + 1 != at.line()
                        ? " (" + marked.getContext() + " at line " + (context.getLine() + 1) + ")" : "";
                diagnostics.error(at, "syntax", "syntax error: " + shortenQuotes(problem) + where);
            }
            return;
        }
        String message = String.valueOf(cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage());
        message = message.replaceAll("\\s*\\(for [A-Za-z ]+ starting at .*\\)", "");
        JsonLocation loc = e.getLocation();
        Origin at = loc == null || loc.getLineNr() < 1 ? Origin.startOf(display)
                : new Origin(display, loc.getLineNr(), Math.max(1, loc.getColumnNr()));
        if (message.contains("exceeds the limit") || message.contains("code point")) {
            diagnostics.error(at, "too-large", "document is too large; a blueprint may be at most "
                    + MAX_FILE_BYTES / (1024 * 1024) + " MB");
        } else if (message.contains("Number of aliases")) {
            diagnostics.error(at, "alias-limit", "too many aliases; at most " + MAX_COLLECTION_ALIASES + " are allowed");
        } else if (message.contains("nesting depth") || message.contains("Nesting Depth")) {
            diagnostics.error(at, "too-deep", "nesting is deeper than " + MAX_DEPTH + " levels");
        } else {
            diagnostics.error(at, "syntax", "syntax error: " + shortenQuotes(firstLine(message)));
        }
    }

    /**
     * Reports the first character YAML does not allow anywhere, not even quoted (a control character, say), where it
     * is: the reader that refuses it knows only an offset into the whole text.
     */
    private static void reportUnprintable(String text, String display, Diagnostics diagnostics) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!isPrintable(c)) {
                String code = String.format("U+%04X", c);
                String escape = c <= 0xFF ? String.format("\\x%02X", c) : c <= 0xFFFF ? String.format("\\u%04X", c)
                        : String.format("\\U%08X", c);
                diagnostics.error(new Origin(display, line, column), "control-character", (Character.isISOControl(c)
                        ? "control character " : "character ") + code + " is not allowed in YAML, not even in quotes;"
                        + " remove it, or write it as the escape " + escape + " inside double quotes");
                return;
            }
            boolean newLine = c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n');
            line += newLine ? 1 : 0;
            column = newLine ? 1 : column + 1;
            i += Character.charCount(c);
        }
        diagnostics.error(Origin.startOf(display), "syntax", "syntax error: a character YAML does not allow");
    }

    /** YAML's printable characters, as the reader checks them. */
    private static boolean isPrintable(int c) {
        return c >= 0x20 && c <= 0x7E || c == 0x9 || c == 0xA || c == 0xD || c == 0x85 || c >= 0xA0 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }

    /** The parsers quote the text they stumbled on, up to hundreds of characters: quote it as {@link Quoted} does. */
    private static String shortenQuotes(String message) {
        return QUOTED_TEXT.matcher(message).replaceAll(m -> Matcher.quoteReplacement(Quoted.of(m.group(1))));
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Turns the parser's token stream into located nodes; one instance per document. */
    private static final class TreeBuilder {

        /** Stops the walk after a problem that makes the rest of the document meaningless. */
        static final class Abort extends RuntimeException {
            Abort() {
                super(null, null, false, false);
            }
        }

        private final JsonParser parser;
        private final YAMLParser yaml;
        private final String file;
        private final Diagnostics diagnostics;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private int collectionAliases;
        private long expanded;

        TreeBuilder(JsonParser parser, String file, Diagnostics diagnostics) {
            this.parser = parser;
            this.yaml = parser instanceof YAMLParser y ? y : null;
            this.file = file;
            this.diagnostics = diagnostics;
        }

        YamlNode document() throws IOException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                diagnostics.error(Origin.startOf(file), "empty-file", "file is empty; a blueprint starts with 'blueprint: NAME'");
                return null;
            }
            YamlNode root = node(token, 1);
            JsonToken next = parser.nextToken();
            if (next != null) {
                diagnostics.error(here(), "syntax", "a blueprint file holds exactly one YAML document");
                return null;
            }
            return root;
        }

        private YamlNode node(JsonToken token, int depth) throws IOException {
            Origin at = here();
            if (depth > MAX_DEPTH) {
                diagnostics.error(at, "too-deep", "nesting is deeper than " + MAX_DEPTH + " levels");
                throw new Abort();
            }
            if (yaml != null && yaml.isCurrentAlias()) {
                return alias(at);
            }
            String anchor = yaml == null ? null : yaml.getCurrentAnchor();
            YamlNode built = switch (token) {
                case START_OBJECT -> mapping(at, depth);
                case START_ARRAY -> sequence(at, depth);
                case VALUE_STRING -> new YamlNode.Scalar(at, parser.getText(), parser.getText());
                case VALUE_NUMBER_INT -> new YamlNode.Scalar(at, integer(), parser.getText());
                case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(at, parser.getDoubleValue(), parser.getText());
                case VALUE_TRUE -> new YamlNode.Scalar(at, Boolean.TRUE, parser.getText());
                case VALUE_FALSE -> new YamlNode.Scalar(at, Boolean.FALSE, parser.getText());
                case VALUE_NULL -> new YamlNode.Scalar(at, null, "");
                default -> new YamlNode.Scalar(at, parser.getText(), parser.getText());
            };
            if (anchor != null) {
                anchors.put(anchor, built);
            }
            return built;
        }

        private Object integer() throws IOException {
            return switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
        }

        private YamlNode alias(Origin at) throws IOException {
            String name = parser.getText();
            YamlNode target = anchors.get(name);
            if (target == null) {
                // Jackson does not report anchors on scalars, so only mappings and lists can be aliased.
                diagnostics.error(at, "syntax", "alias " + Quoted.of("*" + name) + " refers to no mapping or list anchored before it;"
                        + " anchors on single values are not supported: use a variable instead");
                throw new Abort();
            }
            if (!(target instanceof YamlNode.Scalar) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
                diagnostics.error(at, "alias-limit", "too many aliases to lists and mappings; at most "
                        + MAX_COLLECTION_ALIASES + " are allowed");
                throw new Abort();
            }
            expand(target.weight(), at);
            return target;
        }

        /**
         * Counts the nodes an alias repeats (the target's, with the aliases inside it): only repetition is
         * bounded, since a long document without aliases is bounded by its size already.
         */
        private void expand(long weight, Origin at) {
            expanded = saturatedAdd(expanded, weight);
            if (expanded > MAX_EXPANDED_NODES) {
                diagnostics.error(at, "alias-limit", "aliases repeat more than " + MAX_EXPANDED_NODES
                        + " nodes of the document (an alias bomb?); write the repeated parts out or use fewer aliases");
                throw new Abort();
            }
        }

        private YamlNode mapping(Origin at, int depth) throws IOException {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            List<YamlNode> merges = new ArrayList<>();
            long weight = 1;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Origin keyAt = here();
                YamlNode value = node(parser.nextToken(), depth + 1);
                weight = saturatedAdd(weight, value.weight());
                if (MERGE_KEY.equals(key)) {
                    merges.add(value);
                    continue;
                }
                YamlNode.Entry previous = entries.get(key);
                if (previous != null) {
                    diagnostics.error(keyAt, "duplicate-key", "duplicate key " + Quoted.of(key) + "; first defined at line "
                            + previous.keyOrigin().line());
                    continue;
                }
                entries.put(key, new YamlNode.Entry(key, keyAt, value));
            }
            requireEnd(token, JsonToken.END_OBJECT);
            merges.forEach(source -> mergeInto(entries, source));
            return new YamlNode.Mapping(at, entries, weight);
        }

        /** YAML's merge key ({@code <<: *defaults}): keys written in the mapping win over merged ones. */
        private void mergeInto(Map<String, YamlNode.Entry> entries, YamlNode source) {
            if (source instanceof YamlNode.Mapping m) {
                m.entries().values().forEach(e -> entries.putIfAbsent(e.key(), e));
            } else if (source instanceof YamlNode.Sequence s && s.items().stream().allMatch(YamlNode.Mapping.class::isInstance)) {
                s.items().forEach(item -> mergeInto(entries, item));
            } else {
                diagnostics.error(source.origin(), "type", "'<<' merges a mapping or a list of mappings, got "
                        + source.describe());
            }
        }

        private YamlNode sequence(Origin at, int depth) throws IOException {
            List<YamlNode> items = new ArrayList<>();
            long weight = 1;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                YamlNode item = node(token, depth + 1);
                weight = saturatedAdd(weight, item.weight());
                items.add(item);
            }
            requireEnd(token, JsonToken.END_ARRAY);
            return new YamlNode.Sequence(at, items, weight);
        }

        private void requireEnd(JsonToken token, JsonToken expected) {
            if (token != expected) {
                diagnostics.error(here(), "syntax", "syntax error: unexpected end of document");
                throw new Abort();
            }
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }

        private Origin here() {
            JsonLocation loc = parser.currentTokenLocation();
            return new Origin(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
        }
    }
}
