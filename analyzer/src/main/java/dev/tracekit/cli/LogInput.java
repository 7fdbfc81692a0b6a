package dev.tracekit.cli;

import dev.tracekit.trace.InvalidTraceException;
import dev.tracekit.trace.ReadStatus;
import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A {@link TraceReader} whose failures name the file and become {@link BadInputException}s. */
final class LogInput implements AutoCloseable {
    private final Path file;
    private final TraceReader reader;

    private LogInput(Path file, TraceReader reader) {
        this.file = file;
        this.reader = reader;
    }

    static LogInput open(Path file) throws BadInputException {
        try {
            return new LogInput(file, TraceReader.open(file));
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    TraceHeader header() {
        return reader.header();
    }

    int minorVersion() {
        return reader.minorVersion();
    }

    TraceEvent next() throws BadInputException {
        try {
            return reader.next();
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    ReadStatus status() {
        return reader.status();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static BadInputException failure(Path file, IOException e) {
        String problem;
        if (e instanceof NoSuchFileException) {
            problem = "no such file";
        } else if (e instanceof AccessDeniedException) {
            problem = "permission denied";
        } else if (e instanceof InvalidTraceException) {
            problem = e.getMessage();
        } else {
            problem = "cannot read: " + e.getMessage();
        }
        return new BadInputException(file + ": " + problem, e);
    }
}
