package dev.scaffold.blueprint;

/**
 * How a diagnostic shows what the user wrote: on one line, with nothing a terminal would act on, and short.
 *
 * <p>A blueprint value may hold anything: a megabyte of text, ANSI escape sequences that recolour or clear
 * the terminal, NUL, or U+2028, which some viewers take for a line break. A diagnostic must stay one
 * readable line whatever it quotes, so control, format and line-separator characters are shown as visible
 * escapes ({@code \n}, {@code \0}, {@code \x1B}, {@code \u2028}) and a long value is cut, saying how long it was.
 */
final class Quoted {

    /** The most characters of a value a diagnostic shows, escapes included. */
    static final int MAX_SHOWN = 60;

    /** The most characters of a whole diagnostic message; beyond, something unquoted slipped through. */
    static final int MAX_MESSAGE = 1000;

    private Quoted() {}

    /** {@code 'value'}, escaped; a long one cut to its start, an ellipsis and its length: {@code 'aaa…' (70 characters)}. */
    static String of(String value) {
        Shortened s = shorten(value);
        return "'" + s.text + "'" + (s.cut ? " (" + s.length + " characters)" : "");
    }

    /** A name for a list such as "declared: a, b": escaped and shortened like {@link #of}, without quotes. */
    static String bare(String value) {
        Shortened s = shorten(value);
        return s.text;
    }

    /**
     * A whole message or file name made safe for one line: the same escapes as {@link #of} but backslashes kept
     * as they are, and a message longer than {@link #MAX_MESSAGE} characters cut.
     */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_MESSAGE + 16));
        int i = 0;
        while (i < text.length() && out.length() < MAX_MESSAGE) {
            int cp = text.codePointAt(i);
            appendEscaped(out, cp, false);
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    private record Shortened(String text, boolean cut, int length) {}

    private static Shortened shorten(String value) {
        StringBuilder out = new StringBuilder(MAX_SHOWN + 16);
        int kept = 0;
        int i = 0;
        while (i < value.length() && out.length() <= MAX_SHOWN) {
            int cp = value.codePointAt(i);
            appendEscaped(out, cp, true);
            i += Character.charCount(cp);
            if (out.length() < MAX_SHOWN) {
                kept = out.length();
            }
        }
        if (i >= value.length() && out.length() <= MAX_SHOWN) {
            return new Shortened(out.toString(), false, 0);
        }
        return new Shortened(out.substring(0, kept) + "…", true, value.codePointCount(0, value.length()));
    }

    private static void appendEscaped(StringBuilder out, int cp, boolean escapeBackslash) {
        switch (cp) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0 -> out.append("\\0");
            case '\\' -> out.append(escapeBackslash ? "\\\\" : "\\");
            default -> {
                int type = Character.getType(cp);
                if (type == Character.CONTROL) {
                    out.append(String.format("\\x%02X", cp));
                } else if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                        || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
                        || type == Character.PRIVATE_USE) {
                    out.append(cp > 0xFFFF ? String.format("\\u{%X}", cp) : String.format("\\u%04X", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }
}
