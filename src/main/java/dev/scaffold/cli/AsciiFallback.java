package dev.scaffold.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;

/**
 * Writes the few typographic characters scaffold's messages use as plain ASCII, for a terminal whose
 * locale is not UTF-8 ({@code LANG=C}), which would otherwise show them as {@code ?} or garbage.
 */
final class AsciiFallback extends FilterWriter {

    private static final Map<Character, String> REPLACEMENTS = Map.of(
            '→', "->",
            '←', "<-",
            '…', "...",
            '—', "-",
            '–', "-",
            '‘', "'",
            '’', "'",
            '“', "\"",
            '”', "\"",
            '•', "*");

    private AsciiFallback(Writer out) {
        super(out);
    }

    /** A writer like {@code out} that writes those characters as ASCII, flushing on every line as it did. */
    static PrintWriter wrap(PrintWriter out) {
        return new PrintWriter(new AsciiFallback(out), true);
    }

    /** The text with those characters as ASCII, e.g. for working out how wide it will print. */
    static String of(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = REPLACEMENTS.get(c);
            if (replacement == null) {
                ascii.append(c);
            } else {
                ascii.append(replacement);
            }
        }
        return ascii.toString();
    }

    @Override
    public void write(int c) throws IOException {
        out.write(of(String.valueOf((char) c)));
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        out.write(of(new String(buffer, offset, length)));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(of(text.substring(offset, offset + length)));
    }
}
