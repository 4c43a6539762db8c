package dev.scaffold.cli;

import java.io.PrintWriter;

/**
 * The one live line under an apply's progress on a terminal. It is always cut to fit one row of the
 * terminal, so it never wraps and clearing that row leaves nothing behind; lines printed above it
 * first clear it, then it is drawn again under them.
 */
final class StatusLine {

    /** Back to the start of the row, then erase the whole row. */
    private static final String CLEAR_ROW = "\r\u001b[2K";

    private final PrintWriter screen;
    private final int columns;
    private final String ellipsis;
    private String shown = "";

    /**
     * @param screen the terminal
     * @param columns how wide it is
     * @param unicode whether it shows "…"; otherwise "..." marks a cut line
     */
    StatusLine(PrintWriter screen, int columns, boolean unicode) {
        this.screen = screen;
        this.columns = columns;
        this.ellipsis = unicode ? "…" : "...";
    }

    /** Prints a lasting line above the status line. */
    synchronized void printAbove(String line) {
        printAbove(line, shown);
    }

    /** Prints a lasting line above the status line, which then shows {@code status} (cut to the terminal's width). */
    synchronized void printAbove(String line, String status) {
        if (!shown.isEmpty()) {
            screen.print(CLEAR_ROW);
        }
        screen.println(line);
        shown = fit(status);
        screen.print(shown);
        screen.flush();
    }

    /** Replaces the status line with {@code text}, cut to the terminal's width; empty text removes it. */
    synchronized void show(String text) {
        String fitted = fit(text);
        if (fitted.equals(shown)) {
            return;
        }
        screen.print(CLEAR_ROW + fitted);
        shown = fitted;
        screen.flush();
    }

    /** Removes the status line, leaving the cursor at the start of its empty row. */
    synchronized void clear() {
        show("");
    }

    /**
     * The text cut to one column less than the width: a terminal wraps, or holds the cursor past the
     * edge, when a line fills its last column.
     */
    String fit(String text) {
        int room = Math.max(0, columns - 1);
        if (text.length() <= room) {
            return text;
        }
        return room > ellipsis.length() ? text.substring(0, room - ellipsis.length()) + ellipsis : text.substring(0, room);
    }
}
