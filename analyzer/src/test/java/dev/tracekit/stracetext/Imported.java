package dev.tracekit.stracetext;

import dev.tracekit.db.Database;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** strace text imported into an in-memory database, for tests to query. */
final class Imported implements AutoCloseable {
    final Database database;
    final StraceImporter.Result result;

    private Imported(Database database, StraceImporter.Result result) {
        this.database = database;
        this.result = result;
    }

    static Imported of(List<Path> files) throws Exception {
        Database database = Database.open(null);
        StraceImporter.Result result = new StraceImporter(database.connection(), ZoneId.systemDefault())
                .importFiles(StraceInput.of(files), database.nextTraceId(), done -> { });
        return new Imported(database, result);
    }

    /** Each row as its values joined with '|'. */
    List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = database.connection().createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    String value(String sql) throws Exception {
        return rows(sql).get(0);
    }

    @Override
    public void close() throws Exception {
        database.close();
    }
}
