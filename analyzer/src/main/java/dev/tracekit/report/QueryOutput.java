package dev.tracekit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Any result set as an aligned text table, a JSON array of objects, or CSV (RFC 4180). */
public final class QueryOutput {
    public enum Format { text, json, csv }

    private static final int MAX_CELL = 120;

    private QueryOutput() {
    }

    public static void print(PrintWriter out, ResultSet result, Format format) throws SQLException {
        switch (format) {
            case text -> text(out, result);
            case json -> json(out, result);
            case csv -> csv(out, result);
        }
    }

    private static void text(PrintWriter out, ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] names = new String[columns];
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            names[c] = meta.getColumnLabel(c + 1);
            widths[c] = names[c].length();
        }
        while (result.next()) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                Object value = result.getObject(c + 1);
                String text = value == null ? "NULL" : cell(value);
                row[c] = text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
                widths[c] = Math.max(widths[c], row[c].length());
            }
            rows.add(row);
        }
        out.println(line(names, widths, meta));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : " ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println(line(row, widths, meta));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] widths, ResultSetMetaData meta) throws SQLException {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = isNumeric(meta.getColumnType(c + 1));
            String format = "%" + (numeric ? "" : "-") + widths[c] + "s";
            line.append(c == 0 ? "" : " ").append(String.format(format, cells[c]));
        }
        return line.toString().stripTrailing();
    }

    private static void json(PrintWriter out, ResultSet result) throws SQLException {
        ObjectMapper mapper = new ObjectMapper();
        ResultSetMetaData meta = result.getMetaData();
        ArrayNode array = mapper.createArrayNode();
        while (result.next()) {
            ObjectNode row = array.addObject();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                row.set(meta.getColumnLabel(c), mapper.valueToTree(jsonValue(result.getObject(c))));
            }
        }
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static void csv(PrintWriter out, ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        StringBuilder line = new StringBuilder();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            line.append(c == 1 ? "" : ",").append(Rows.csvCell(meta.getColumnLabel(c)));
        }
        out.print(line.append("\r\n"));
        while (result.next()) {
            line.setLength(0);
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Object value = result.getObject(c);
                line.append(c == 1 ? "" : ",").append(value == null ? "" : Rows.csvCell(cell(value)));
            }
            out.print(line.append("\r\n"));
        }
    }

    private static Object jsonValue(Object value) throws SQLException {
        if (value instanceof Array array) {
            Object[] items = (Object[]) array.getArray();
            List<Object> list = new ArrayList<>(items.length);
            for (Object item : items) {
                list.add(jsonValue(item));
            }
            return list;
        }
        if (value instanceof Number || value instanceof Boolean || value == null) {
            return value;
        }
        return cell(value);
    }

    private static String cell(Object value) {
        if (value instanceof Array array) {
            try {
                return java.util.Arrays.deepToString((Object[]) array.getArray());
            } catch (SQLException e) {
                return value.toString();
            }
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case java.sql.Types.INTEGER, java.sql.Types.BIGINT, java.sql.Types.SMALLINT, java.sql.Types.TINYINT,
                    java.sql.Types.DOUBLE, java.sql.Types.FLOAT, java.sql.Types.REAL, java.sql.Types.DECIMAL,
                    java.sql.Types.NUMERIC -> true;
            default -> false;
        };
    }
}
