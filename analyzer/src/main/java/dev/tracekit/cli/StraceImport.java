package dev.tracekit.cli;

import dev.tracekit.db.Database;
import dev.tracekit.stracetext.StraceImporter;
import dev.tracekit.stracetext.StraceInput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.OptionalInt;

/** Imports one strace text input for analyze: skips one already in the database, reports progress and skipped lines. */
final class StraceImport {
    private final Database database;
    private final PrintWriter err;

    StraceImport(Database database, PrintWriter err) {
        this.database = database;
        this.err = err;
    }

    /** @return the trace id it has in the database */
    int run(StraceInput input) throws BadInputException, SQLException {
        try {
            OptionalInt existing = database.traceWithUid(input.uid());
            if (existing.isPresent()) {
                err.println("tracekit: " + input.name() + " is already in the database as trace " + existing.getAsInt()
                        + "; not importing it again");
                return existing.getAsInt();
            }
            long size = 0;
            for (StraceInput.File file : input.files()) {
                size += Files.size(file.path());
            }
            Progress progress = new Progress(err, "importing " + input.name().getFileName(), size);
            StraceImporter.Result result;
            try {
                result = new StraceImporter(database.connection(), ZoneId.systemDefault())
                        .importFiles(input, database.nextTraceId(), progress::update);
            } finally {
                progress.done();
            }
            if (result.skipped() > 0) {
                err.println("tracekit: warning: " + input.name() + ": skipped " + result.skipped() + " of " + result.lines()
                        + " lines that are not strace output as tracekit knows it (listed in the import_errors table)");
            }
            return result.traceId();
        } catch (IOException e) {
            throw LogInput.failure(input.name(), e);
        }
    }
}
