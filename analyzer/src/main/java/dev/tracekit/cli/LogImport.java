package dev.tracekit.cli;

import dev.tracekit.db.Database;
import dev.tracekit.db.ImportResult;
import dev.tracekit.db.LogImporter;
import dev.tracekit.db.TraceUid;
import dev.tracekit.trace.TraceReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.OptionalInt;

/** Imports one log for analyze: skips one already in the database, reports progress and truncation. */
final class LogImport {
    private final Database database;
    private final PrintWriter err;

    LogImport(Database database, PrintWriter err) {
        this.database = database;
        this.err = err;
    }

    void run(Path log) throws BadInputException, SQLException, IOException {
        String uid;
        try (TraceReader reader = TraceReader.open(log)) {
            uid = TraceUid.of(reader.header());
        } catch (IOException e) {
            throw LogInput.failure(log, e);
        }
        OptionalInt existing = database.traceWithUid(uid);
        if (existing.isPresent()) {
            err.println("tracekit: " + log + " is already in the database as trace " + existing.getAsInt() + "; not importing it again");
            return;
        }
        Progress progress = new Progress(err, "importing " + log.getFileName(), Files.size(log));
        ImportResult result;
        try {
            result = new LogImporter(database.connection(), new StraceArgumentText())
                    .importLog(log, database.nextTraceId(), progress::update);
        } catch (IOException e) {
            progress.done();
            throw LogInput.failure(log, e);
        }
        progress.done();
        if (!result.status().complete()) {
            err.println("tracekit: warning: " + log + ": " + result.status().message() + "; analyzing what was read");
        }
    }
}
