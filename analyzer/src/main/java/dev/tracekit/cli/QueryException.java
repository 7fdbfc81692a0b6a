package dev.tracekit.cli;

import java.sql.SQLException;

/** A --sql query DuckDB refused: its first message line is what the user needs. */
final class QueryException extends Exception {
    QueryException(SQLException cause) {
        super("query failed: " + firstLine(cause.getMessage()), cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
