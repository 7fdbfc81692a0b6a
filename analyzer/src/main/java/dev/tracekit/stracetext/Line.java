package dev.tracekit.stracetext;

/**
 * One line of strace text taken apart. Mutable and reused for every line, since an import reads
 * millions; {@link LineParser} fills the fields its {@link Kind} uses and resets the others.
 */
final class Line {
    static final int NONE = -1;

    enum Kind {
        /** {@code name(args) = result}: a call on one line. */
        CALL,
        /** {@code name(args <unfinished ...>}: the call goes on in a later line of its thread. */
        UNFINISHED,
        /** {@code <... name resumed>rest}: the rest of the thread's unfinished call. */
        RESUMED,
        /** {@code ) = 0}: the rest of the last unfinished call, as -z and -Z print it, without prefix or marker. */
        CONTINUATION,
        /** {@code --- SIGCHLD {...} ---} */
        SIGNAL,
        /** {@code +++ exited with 0 +++} or {@code +++ killed by SIGKILL +++} */
        EXIT,
        /** {@code +++ superseded by execve in pid N +++}: thread N exec'd and became this leader. */
        SUPERSEDED,
        /** {@code strace: Process N attached} */
        ATTACHED,
        /** {@code  > /lib/libc.so.6(read+0x12) [0x10e1d2]}: a frame of the last call's stack (-k). */
        FRAME,
        /** A row of a -c table: a syscall's calls, errors and times as strace counted them. */
        COUNT,
        /** Understood and of no use to the tables: blank lines, hexdumps, the rest of -c tables, strace's notes. */
        OTHER
    }

    Kind kind;
    /** From {@code PID } or {@code [pid N]}; NONE when the line has no prefix. */
    int tid;
    /** From {@code [pid N<comm>]}, else null. */
    String comm;
    boolean timed;
    long time;
    /** From -n's {@code [ 59]}, else NONE. */
    int number;

    String name;
    /** The arguments as printed; for RESUMED, what follows {@code resumed>}. */
    String args;
    /** The result as printed, without the duration: {@code -1 ENOENT (No such file or directory)}. */
    String result;
    boolean returned;
    long ret;
    /** Whether {@link #result} says no more than {@link #ret} in the syscalls view's own words. */
    boolean resultDerived;
    /** -T's duration in nanoseconds, else NONE. */
    long duration;

    String signal;
    Integer signalCode;
    Integer senderPid;
    Long senderUid;
    /** What strace printed between the signal's name and {@code ---}. */
    String siginfo;

    Integer exitCode;
    String killedBy;
    boolean coreDumped;
    /** SUPERSEDED: the former tid; ATTACHED: the thread attached. */
    int otherTid;

    String module;
    String symbol;
    Long symbolOffset;
    Long address;

    CountTable.Count count;

    /** Why the line was not understood; null when it was. */
    String error;

    void reset() {
        kind = null;
        tid = NONE;
        comm = null;
        timed = false;
        number = NONE;
        name = null;
        args = null;
        result = null;
        returned = false;
        resultDerived = false;
        duration = NONE;
        error = null;
    }

    boolean fail(String reason) {
        error = reason;
        return false;
    }
}
