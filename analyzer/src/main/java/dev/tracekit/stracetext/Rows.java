package dev.tracekit.stracetext;

import dev.tracekit.db.FdTracker;
import org.duckdb.DuckDBAppender;

import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The rows the parsing thread makes, gathered into {@link RowBatch}es: a batch that fills up
 * waits in {@link #ready} for the parsing loop to hand it over. Text becomes UTF-8 bytes here, so
 * that the appending thread need not encode it.
 */
final class Rows {
    /**
     * How strace split a call over two lines: {@code at}, where in its arguments the
     * {@code <... resumed>} line goes on; {@code resumed}, that line's time, null when it never came.
     */
    record Split(int at, Long resumed) {
    }

    private final ArrayDeque<RowBatch> ready = new ArrayDeque<>();
    private RowBatch batch = new RowBatch();

    /**
     * A row of syscall_rows; {@code duration} is {@link RowBatch#NO_DURATION} or nanoseconds, {@code result} null when
     * derived, {@code split} null when strace printed the call on one line.
     */
    void call(int tid, long time, long duration, int number, String args, boolean returned, long ret, String result,
              Split split) {
        RowBatch b = batch;
        int i = b.calls++;
        b.tids[i] = tid;
        b.times[i] = time;
        b.durations[i] = duration;
        b.numbers[i] = number;
        b.args[i] = utf8(args);
        b.returned[i] = returned;
        b.rets[i] = ret;
        b.results[i] = utf8(result);
        b.splitAts[i] = split == null ? RowBatch.NOT_SPLIT : split.at();
        b.resumedTimes[i] = split == null || split.resumed() == null ? RowBatch.NOT_RESUMED : split.resumed();
        full();
    }

    /** A row of signals from a signal {@code line}. */
    void signal(int tid, long time, Line line) {
        Integer signo = SignalNumbers.of(line.signal);
        String signal = line.signal;
        Integer code = line.signalCode;
        Integer senderPid = line.senderPid;
        Long senderUid = line.senderUid;
        String siginfo = line.siginfo;
        other((tables, traceId) -> tables.signals.beginRow().append(traceId).append(tid).appendNull().appendEpochNanos(time)
                .append(signo).append(signal).append(code).append(senderPid).append(senderUid).append(siginfo).endRow());
    }

    /** A row of strace_counts: a row of a -c table. */
    void count(CountTable.Count count) {
        other((tables, traceId) -> tables.straceCounts.beginRow().append(traceId).append(count.personality())
                .append(count.syscall()).append(count.calls()).append(count.errors()).append(count.totalNs())
                .append(count.avgNs()).append(count.minNs()).append(count.maxNs()).append(count.timePercent()).endRow());
    }

    void sample(int tid, long time, long stackId, String syscall) {
        other((tables, traceId) -> tables.samples.beginRow().append(traceId).append(tid).appendNull().appendEpochNanos(time)
                .append(stackId).append(false).append(syscall).append("syscall_entry").endRow());
    }

    void stackFrame(long stackId, int depth, long frameId) {
        other((tables, traceId) -> tables.stacks.beginRow().append(traceId).append(stackId).append(depth).append(frameId)
                .append(false).endRow());
    }

    void frame(long frameId, String module, Long address, String symbol, Long symbolOffset) {
        other((tables, traceId) -> tables.frames.beginRow().append(traceId).append(frameId).appendNull().append(module)
                .appendNull().append(address).append(symbol).append(symbolOffset).endRow());
    }

    void error(String file, long lineNumber, String line, String reason) {
        other((tables, traceId) -> tables.importErrors.beginRow().append(traceId).append(file).append(lineNumber).append(line)
                .append(reason).endRow());
    }

    void fd(FdTracker.Interval fd) {
        other((tables, traceId) -> {
            DuckDBAppender fds = tables.fds.beginRow().append(traceId).append(fd.pid()).append(fd.fd()).append(fd.path());
            nanos(fds, fd.opened());
            nanos(fds, fd.closed());
            fds.append(fd.openedBy()).endRow();
        });
    }

    /** A batch that is full, or null. */
    RowBatch nextReady() {
        return ready.poll();
    }

    /** The batch being filled, handed over as it is: the end of the input. */
    RowBatch rest(long bytesRead) {
        RowBatch last = batch;
        last.bytesRead = bytesRead;
        batch = new RowBatch();
        return last;
    }


    private void other(RowBatch.TableRow row) {
        batch.others.add(row);
        full();
    }

    private void full() {
        if (batch.isFull()) {
            ready.add(batch);
            batch = new RowBatch();
        }
    }

    private static void nanos(DuckDBAppender appender, Long time) throws SQLException {
        if (time == null) {
            appender.appendNull();
        } else {
            appender.appendEpochNanos(time);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
