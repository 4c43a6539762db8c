package dev.scaffold.cli;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A terminal screen for tests: it keeps rows of a fixed width, wraps a row that runs past its edge as
 * a terminal does, and obeys carriage return, newline and "erase the row" ({@code ESC [2K}).
 */
final class FakeScreen extends Writer {

    private final int columns;
    private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
    private int row;
    private int column;
    private final StringBuilder escape = new StringBuilder();

    FakeScreen(int columns) {
        this.columns = columns;
    }

    /** The rows as they show now, trailing spaces dropped. */
    List<String> rows() {
        return rows.stream().map(r -> r.toString().stripTrailing()).toList();
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            put(buffer[i]);
        }
    }

    private void put(char c) {
        if (!escape.isEmpty() || c == '\u001b') {
            escape.append(c);
            if (escape.length() > 1 && Character.isLetter(c)) {
                if (escape.toString().equals("\u001b[2K")) {
                    rows.set(row, new StringBuilder());
                }
                escape.setLength(0);
            }
            return;
        }
        switch (c) {
            case '\r' -> column = 0;
            case '\n' -> nextRow();
            default -> {
                if (column == columns) {
                    nextRow();
                }
                StringBuilder current = rows.get(row);
                while (current.length() < column) {
                    current.append(' ');
                }
                if (column < current.length()) {
                    current.setCharAt(column, c);
                } else {
                    current.append(c);
                }
                column++;
            }
        }
    }

    private void nextRow() {
        row++;
        column = 0;
        if (row == rows.size()) {
            rows.add(new StringBuilder());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
