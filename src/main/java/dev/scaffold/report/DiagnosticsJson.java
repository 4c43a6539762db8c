package dev.scaffold.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scaffold.blueprint.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a blueprint's diagnostics as the JSON array {@code validate --json} prints. */
public final class DiagnosticsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosticsJson() {
    }

    /** One object per diagnostic: file, line, column, severity, code and message. */
    public static String render(List<Diagnostic> diagnostics) {
        List<Map<String, Object>> rows = diagnostics.stream().map(DiagnosticsJson::row).toList();
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("diagnostics are plain values and always serialise", e);
        }
    }

    private static Map<String, Object> row(Diagnostic diagnostic) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", diagnostic.file());
        row.put("line", diagnostic.line());
        row.put("column", diagnostic.column());
        row.put("severity", diagnostic.severity().name().toLowerCase(Locale.ROOT));
        row.put("code", diagnostic.code());
        row.put("message", diagnostic.message());
        return row;
    }
}
