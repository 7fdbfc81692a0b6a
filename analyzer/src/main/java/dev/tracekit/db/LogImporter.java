package dev.tracekit.db;

import dev.tracekit.syscalls.SyscallTable;
import dev.tracekit.trace.ReadStatus;
import dev.tracekit.trace.TraceReader;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.Frame;
import dev.tracekit.trace.event.Mapping;
import dev.tracekit.trace.event.OpenFd;
import dev.tracekit.trace.event.ProcessInfo;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadInfo;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Streams one tracekit log into the tables through DuckDB's appenders: memory stays bounded by
 * a few batches of events, per-process and per-thread state and, for a file database, DuckDB's
 * buffer pool, whatever the log's size.
 */
public final class LogImporter {
    /**
     * DuckDB's buffer pool while loading into a file. Left at its default (80 % of the
     * machine's memory) it keeps every block the import writes, so memory grows with the log.
     */
    private static final String FILE_IMPORT_MEMORY = "64MB";

    private final DuckDBConnection connection;
    private final ArgumentText argumentText;

    /** Renders the argument list and result of a call, and the siginfo of a signal, as strace prints them. */
    public interface ArgumentText {
        String arguments(TraceHeader header, Syscall call);

        String unfinishedArguments(TraceHeader header, SyscallEntry call);

        String result(TraceHeader header, Syscall call);

        String siginfo(SignalDelivery signal);
    }

    public LogImporter(DuckDBConnection connection, ArgumentText argumentText) {
        this.connection = connection;
        this.argumentText = argumentText;
    }

    /**
     * Imports {@code file} as a new trace, in one transaction: a log that cannot be read leaves
     * nothing behind. A log cut short is imported up to its last whole chunk; the returned status
     * says so. {@code progress} receives bytes read now and then.
     */
    public ImportResult importLog(Path file, int traceId, LongConsumer progress) throws IOException, SQLException {
        boolean bounded = isFileDatabase();
        if (bounded) {
            execute("SET memory_limit = '" + FILE_IMPORT_MEMORY + "'");
        }
        // An explicit BEGIN: JDBC's setAutoCommit(false) would begin only at the next statement,
        // and the appenders would commit every chunk of rows on their own.
        execute("BEGIN TRANSACTION");
        try {
            ImportResult result = load(file, traceId, progress);
            execute("COMMIT");
            return result;
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            if (bounded) {
                execute("RESET memory_limit");
            }
        }
    }

    /** An in-memory database holds all it loads; a file's written blocks can leave memory. */
    private boolean isFileDatabase() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT path IS NOT NULL FROM duckdb_databases() WHERE database_name = current_database()")) {
            return result.next() && result.getBoolean(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private ImportResult load(Path file, int traceId, LongConsumer progress) throws IOException, SQLException {
        try (TraceReader reader = TraceReader.open(file);
             ReadAhead ahead = new ReadAhead(reader, argumentText);
             Appenders appenders = new Appenders(connection)) {
            TraceHeader header = reader.header();
            Run run = new Run(header, traceId, appenders, SyscallTable.forArch(header.arch()));
            long events = 0;
            ReadAhead.Batch batch;
            while ((batch = ahead.next()) != null) {
                for (int i = 0; i < batch.size(); i++) {
                    run.accept(batch.events()[i], batch.args()[i], batch.results()[i]);
                }
                events += batch.size();
                progress.accept(batch.position());
            }
            ReadStatus status = reader.status();
            run.finish();
            appenders.flush();
            writeTrace(file, traceId, header, status);
            run.writeProcessesAndThreads();
            run.names.write(connection, traceId);
            fillMissingPids(traceId);
            return new ImportResult(traceId, events, status);
        }
    }

    private void writeTrace(Path file, int traceId, TraceHeader header, ReadStatus status) throws SQLException, IOException {
        try (DuckDBAppender traces = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "traces")) {
            traces.beginRow().append(traceId).append(TraceUid.of(header)).append("tracekit")
                    .append(file.toAbsolutePath().toString()).append(Files.size(file)).append(header.hostname())
                    .append(header.arch()).append(header.kernelRelease()).append(header.recorderVersion())
                    .append(String.join(" ", header.commandLine())).appendEpochNanos(header.wallAnchor())
                    .append(status.eventsRead()).append(status.complete())
                    .append(status.complete() ? null : status.message()).endRow();
        }
    }

    /** Signals and samples that came before the log said which process their thread belongs to. */
    private void fillMissingPids(int traceId) throws SQLException {
        for (String table : new String[] {"signals", "samples"}) {
            try (var statement = connection.createStatement()) {
                statement.execute("UPDATE " + table + " t SET pid = th.pid FROM threads th WHERE t.pid IS NULL"
                        + " AND t.trace_id = " + traceId + " AND th.trace_id = " + traceId + " AND th.tid = t.tid");
            }
        }
    }

    /** The state of one import: which thread is in which process, what each process is. */
    private final class Run {
        private final TraceHeader header;
        private final int traceId;
        private final Appenders out;
        private final SyscallRows syscalls;
        private final SyscallNames names;
        private final FdTracker fds = new FdTracker();
        private final LogFdCall fdCall;
        private final Map<Integer, ThreadRow> threads = new HashMap<>();
        private final Map<Integer, ProcessRow> processes = new LinkedHashMap<>();
        private final Map<Stack, Long> stackIds = new IdentityHashMap<>();
        private final Map<Frame, Long> frameIds = new HashMap<>();
        private final Map<Stack, Long> stackIdsByValue = new HashMap<>();

        Run(TraceHeader header, int traceId, Appenders out, SyscallTable table) {
            this.header = header;
            this.traceId = traceId;
            this.out = out;
            this.syscalls = new SyscallRows(out.syscalls, traceId);
            this.names = new SyscallNames(table);
            this.fdCall = new LogFdCall(names);
        }

        /** One event, with the rendered text of a call's arguments and result. */
        void accept(TraceEvent event, String args, String result) throws SQLException {
            long wall = header.toWallNanos(event.time());
            if (event instanceof Syscall call) {
                syscalls.returned(call, wall, args, result);
                Integer pid = pidOf(call.tid());
                if (pid != null) {
                    fds.syscall(pid, fdCall.of(call), wall);
                    writeFinishedFds();
                }
            } else if (event instanceof SyscallEntry call) {
                syscalls.unfinished(call, wall, args);
            } else if (event instanceof SignalDelivery signal) {
                out.signals.beginRow().append(traceId).append(signal.tid()).append(pidOf(signal.tid())).appendEpochNanos(wall)
                        .append(signal.signal()).append(SignalNames.name(signal.signal())).append(signal.code())
                        .append(signal.senderPid()).append(Integer.toUnsignedLong(signal.senderUid()))
                        .append(argumentText.siginfo(signal)).endRow();
            } else if (event instanceof StackSample sample) {
                long stackId = stackId(sample.stack());
                out.samples.beginRow().append(traceId).append(sample.tid()).append(pidOf(sample.tid())).appendEpochNanos(wall)
                        .append(stackId).append(sample.syscall() == StackSample.ON_CPU)
                        .append(sample.syscall() == StackSample.ON_CPU ? null : names.of(sample.syscall()))
                        .append(sample.trigger().name().toLowerCase()).endRow();
            } else {
                lifecycle(event, wall);
            }
        }

        private void lifecycle(TraceEvent event, long wall) throws SQLException {
            if (event instanceof ProcessInfo info) {
                ProcessRow process = process(info.pid(), wall);
                process.ppid = info.ppid();
                process.exe = info.exe();
                process.argv = info.argv();
                process.cwd = info.cwd();
                thread(info.pid(), info.pid(), wall);
            } else if (event instanceof ThreadInfo info) {
                thread(info.tid(), info.pid(), wall).name = info.name();
                process(info.pid(), wall);
            } else if (event instanceof OpenFd open) {
                fds.alreadyOpen(open.pid(), open.fd(), open.path());
            } else if (event instanceof ChildCreated child) {
                Integer parentPid = pidOf(child.parentTid());
                if (child.kind() == ChildCreated.Kind.THREAD) {
                    thread(child.childTid(), parentPid, wall);
                } else {
                    thread(child.childTid(), child.childTid(), wall);
                    ProcessRow process = process(child.childTid(), wall);
                    process.ppid = parentPid;
                    ProcessRow parent = parentPid == null ? null : processes.get(parentPid);
                    if (parent != null) {
                        process.exe = parent.exe;
                        process.argv = parent.argv;
                        process.cwd = parent.cwd;
                    }
                    if (parentPid != null) {
                        fds.forked(parentPid, child.childTid(), wall);
                    }
                }
            } else if (event instanceof Exec exec) {
                if (exec.formerTid() != exec.pid()) {
                    // A thread that exec'd became its process's leader: it ends, its calls stay its own.
                    ThreadRow former = threads.get(exec.formerTid());
                    if (former != null) {
                        former.ended = wall;
                    }
                }
                thread(exec.pid(), exec.pid(), wall);
                fds.execed(exec.pid(), wall);
            } else if (event instanceof ThreadRenamed renamed) {
                ThreadRow thread = threads.get(renamed.tid());
                if (thread != null) {
                    thread.name = renamed.name();
                }
            } else if (event instanceof Exit exit) {
                exited(exit, wall);
            } else if (event instanceof Mapping mapping) {
                out.mappings.beginRow().append(traceId).append(mapping.pid()).append(mapping.start()).append(mapping.end())
                        .append(mapping.fileOffset()).append(permissions(mapping.permissions())).append(mapping.path())
                        .append(mapping.buildId().length() == 0 ? null : mapping.buildId().toHex()).endRow();
            }
        }

        private void exited(Exit exit, long wall) throws SQLException {
            ThreadRow thread = threads.get(exit.tid());
            if (thread != null) {
                thread.ended = wall;
                thread.exitCode = exit.exited() ? exit.exitCode() : null;
                thread.termSignal = exit.exited() ? null : SignalNames.name(exit.termSignal());
            }
            ProcessRow process = processes.get(exit.tid());
            if (process != null) {
                process.ended = wall;
                process.exitCode = exit.exited() ? exit.exitCode() : null;
                process.termSignal = exit.exited() ? null : SignalNames.name(exit.termSignal());
                process.coreDumped = exit.coreDumped();
                fds.processExited(exit.tid(), wall);
                writeFinishedFds();
            }
        }

        void finish() throws SQLException {
            writeFinishedFds();
            for (FdTracker.Interval interval : fds.stillOpen()) {
                writeFd(interval);
            }
        }

        void writeProcessesAndThreads() throws SQLException {
            ProcessTables.write(connection, traceId, processes, threads.values());
        }

        private long stackId(Stack stack) throws SQLException {
            Long known = stackIds.get(stack);
            if (known == null) {
                known = stackIdsByValue.get(stack);
            }
            if (known != null) {
                stackIds.put(stack, known);
                return known;
            }
            long id = stackIdsByValue.size() + 1L;
            stackIdsByValue.put(stack, id);
            stackIds.put(stack, id);
            for (int depth = 0; depth < stack.frames().size(); depth++) {
                out.stacks.beginRow().append(traceId).append(id).append(depth).append(frameId(stack.frames().get(depth)))
                        .append(stack.truncated()).endRow();
            }
            return id;
        }

        private long frameId(Frame frame) throws SQLException {
            Long known = frameIds.get(frame);
            if (known != null) {
                return known;
            }
            long id = frameIds.size() + 1L;
            frameIds.put(frame, id);
            out.frames.beginRow().append(traceId).append(id).append(frame.pc())
                    .append(frame.module() == null ? null : frame.module().path())
                    .append(frame.module() == null || frame.module().buildId().length() == 0 ? null : frame.module().buildId().toHex())
                    .append(frame.offset()).append(frame.symbol())
                    .append(frame.symbolOffset()).endRow();
            return id;
        }

        private void writeFinishedFds() throws SQLException {
            for (FdTracker.Interval interval : fds.drainFinished()) {
                writeFd(interval);
            }
        }

        private void writeFd(FdTracker.Interval interval) throws SQLException {
            out.fds.beginRow().append(traceId).append(interval.pid()).append(interval.fd()).append(interval.path());
            ProcessTables.nanos(out.fds, interval.opened());
            ProcessTables.nanos(out.fds, interval.closed());
            out.fds.append(interval.openedBy()).endRow();
        }

        private Integer pidOf(int tid) {
            ThreadRow thread = threads.get(tid);
            return thread == null ? null : thread.pid;
        }

        private ThreadRow thread(int tid, Integer pid, long wall) {
            ThreadRow thread = threads.computeIfAbsent(tid, t -> new ThreadRow(tid, null, wall));
            if (pid != null) {
                thread.pid = pid;
            }
            return thread;
        }

        private ProcessRow process(int pid, long wall) {
            return processes.computeIfAbsent(pid, p -> new ProcessRow(wall));
        }
    }

    private static String permissions(int bits) {
        return ((bits & Mapping.READ) != 0 ? "r" : "-") + ((bits & Mapping.WRITE) != 0 ? "w" : "-")
                + ((bits & Mapping.EXECUTE) != 0 ? "x" : "-") + ((bits & Mapping.SHARED) != 0 ? "s" : "p");
    }
}
