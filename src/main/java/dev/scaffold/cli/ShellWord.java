package dev.scaffold.cli;

import java.util.regex.Pattern;

/** One word of a command that a hint prints, quoted for a POSIX shell when it must be, so it pastes as it reads. */
final class ShellWord {

    /** Characters no shell gives a meaning to inside a word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWord() {
    }

    /** {@code text} as a shell reads it back: as it is when plain, else in single quotes. */
    static String of(Object text) {
        String word = String.valueOf(text);
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
