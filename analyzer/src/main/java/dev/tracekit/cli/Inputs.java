package dev.tracekit.cli;

import dev.tracekit.db.Database;
import dev.tracekit.stracetext.StraceInput;
import dev.tracekit.stracetext.StraceTextSniffer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What analyze was given, told apart by content, not by name: tracekit logs and strace text to
 * import, and the database to import into (a DuckDB file among the inputs, --db, or memory).
 * strace text is one trace per file, except the files of {@code strace -ff -o PREFIX}
 * (PREFIX.TID, given one by one or as their directory), which make one trace per PREFIX.
 */
record Inputs(List<Path> logs, List<StraceInput> straceTexts, Path database) {
    private static final byte[] LOG_MAGIC = {'T', 'R', 'A', 'C', 'E', 'K', 'I', 'T'};

    static Inputs classify(List<Path> files, Path databaseOption, CommandSpec spec) throws BadInputException {
        List<Path> logs = new ArrayList<>();
        Map<Path, List<Path>> straceTexts = new LinkedHashMap<>();
        Path database = databaseOption;
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                for (Path member : directory(file)) {
                    straceTexts.computeIfAbsent(member.resolveSibling(StraceInput.prefix(member)), p -> new ArrayList<>()).add(member);
                }
            } else if (isDatabase(file)) {
                if (database != null && !database.equals(file)) {
                    throw new ParameterException(spec.commandLine(), "two databases given: " + database + " and " + file);
                }
                database = file;
            } else if (isLog(file)) {
                logs.add(file);
            } else {
                String problem = straceProblem(file);
                if (problem != null) {
                    throw new BadInputException(file + ": " + problem, null);
                }
                straceTexts.computeIfAbsent(file.resolveSibling(StraceInput.prefix(file)), p -> new ArrayList<>()).add(file);
            }
        }
        if (logs.isEmpty() && straceTexts.isEmpty() && database == null) {
            throw new ParameterException(spec.commandLine(), "give a tracekit log, strace text or a database to analyze");
        }
        return new Inputs(logs, straceTexts.values().stream().map(StraceInput::of).toList(), database);
    }

    /** The files of a directory of -ff output, in name order; each must be strace text. */
    private static List<Path> directory(Path dir) throws BadInputException {
        List<Path> members;
        try (Stream<Path> list = Files.list(dir)) {
            members = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw LogInput.failure(dir, e);
        }
        if (members.isEmpty()) {
            throw new BadInputException(dir + ": an empty directory", null);
        }
        for (Path member : members) {
            String problem = straceProblem(member);
            if (problem != null) {
                throw new BadInputException(member + ": " + problem, null);
            }
        }
        return members;
    }

    private static String straceProblem(Path file) throws BadInputException {
        try {
            return StraceTextSniffer.problem(file);
        } catch (IOException e) {
            throw LogInput.failure(file, e);
        }
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
