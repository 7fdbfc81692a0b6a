package dev.tracekit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Rows of named values as a JSON array of objects or as CSV (RFC 4180, header line first). */
public final class Rows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Rows() {
    }

    public static void json(PrintWriter out, List<Map<String, Object>> rows) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialize", e);
        }
    }

    public static void csv(PrintWriter out, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.print(String.join(",", rows.get(0).keySet().stream().map(Rows::csvCell).toList()) + "\r\n");
        for (Map<String, Object> row : rows) {
            out.print(String.join(",", row.values().stream().map(v -> v == null ? "" : csvCell(String.valueOf(v))).toList()) + "\r\n");
        }
    }

    static String csvCell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
