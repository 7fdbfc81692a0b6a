package dev.tracekit.cli;

import dev.tracekit.db.Database;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What analyze was given, told apart by content, not by name: tracekit logs to import, and the
 * database to import into (a DuckDB file among the inputs, --db, or memory).
 */
record Inputs(List<Path> logs, Path database) {
    private static final byte[] LOG_MAGIC = {'T', 'R', 'A', 'C', 'E', 'K', 'I', 'T'};

    static Inputs classify(List<Path> files, Path databaseOption, CommandSpec spec) throws BadInputException {
        List<Path> logs = new ArrayList<>();
        Path database = databaseOption;
        for (Path file : files) {
            if (isDatabase(file)) {
                if (database != null && !database.equals(file)) {
                    throw new ParameterException(spec.commandLine(), "two databases given: " + database + " and " + file);
                }
                database = file;
            } else if (isLog(file)) {
                logs.add(file);
            } else {
                throw new BadInputException(file + ": not a tracekit log or a DuckDB database"
                        + " (strace text import is not built yet)", null);
            }
        }
        if (logs.isEmpty() && database == null) {
            throw new ParameterException(spec.commandLine(), "give a tracekit log or a database to analyze");
        }
        return new Inputs(logs, database);
    }

    private static boolean isDatabase(Path file) throws BadInputException {
        try {
            return Database.isDatabaseFile(file);
        } catch (IOException e) {
            throw LogInput.failure(file, e);
        }
    }

    private static boolean isLog(Path file) throws BadInputException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(LOG_MAGIC.length), LOG_MAGIC);
        } catch (NoSuchFileException e) {
            throw LogInput.failure(file, e);
        } catch (IOException e) {
            throw LogInput.failure(file, e);
        }
    }
}
