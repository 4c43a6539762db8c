package dev.scaffold.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaffold.blueprint.Diagnostic;
import dev.scaffold.state.PrettyJson;
import java.util.List;
import java.util.Locale;

/** Renders a blueprint's diagnostics as the JSON array {@code validate --json} prints. */
public final class DiagnosticsJson {

    private DiagnosticsJson() {
    }

    /** One object per diagnostic: file, line, column, severity, code and message; ends with a newline. */
    public static String render(List<Diagnostic> diagnostics) {
        ArrayNode rows = PrettyJson.mapper().createArrayNode();
        for (Diagnostic diagnostic : diagnostics) {
            ObjectNode row = rows.addObject();
            row.put("file", diagnostic.file());
            row.put("line", diagnostic.line());
            row.put("column", diagnostic.column());
            row.put("severity", diagnostic.severity().name().toLowerCase(Locale.ROOT));
            row.put("code", diagnostic.code());
            row.put("message", diagnostic.message());
        }
        return PrettyJson.write(rows);
    }
}
