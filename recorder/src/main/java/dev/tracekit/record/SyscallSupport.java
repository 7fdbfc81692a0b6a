package dev.tracekit.record;

import dev.tracekit.ptrace.ProcessMemory;
import dev.tracekit.syscalls.SyscallInfo;
import dev.tracekit.syscalls.SyscallTable;

import java.util.BitSet;
import java.util.function.IntPredicate;

/** What the recorder takes from the syscall table of the machine it runs on. */
public final class SyscallSupport {
    private final SyscallTable table;
    private final int clone;
    private final int clone3;
    private final int mmap;
    private final int mprotect;
    private final int munmap;
    private final int restartSyscall;
    private final int execve;
    private final int execveat;
    private final int seccomp;
    private final int prctl;

    private SyscallSupport(SyscallTable table) {
        this.table = table;
        this.clone = table.byName("clone").map(SyscallInfo::number).orElse(-1);
        this.clone3 = table.byName("clone3").map(SyscallInfo::number).orElse(-1);
        this.mmap = number("mmap");
        this.mprotect = number("mprotect");
        this.munmap = number("munmap");
        this.restartSyscall = number("restart_syscall");
        this.execve = number("execve");
        this.execveat = number("execveat");
        this.seccomp = number("seccomp");
        this.prctl = number("prctl");
    }

    private int number(String name) {
        return table.byName(name).map(SyscallInfo::number).orElse(-1);
    }

    public static SyscallSupport forThisMachine() {
        return new SyscallSupport(SyscallTable.forArch(HostInfo.arch()));
    }

    public SyscallTable table() {
        return table;
    }

    /**
     * The syscall numbers an -e trace= expression selects, or null for all.
     *
     * @throws IllegalArgumentException naming what is wrong in the expression
     */
    BitSet traceSet(String expression) {
        if (expression == null) {
            return null;
        }
        BitSet set = new BitSet();
        table.resolveTraceSet(expression).forEach(set::set);
        return set;
    }

    ArgumentCapture capture(int stringLimit) {
        return new CapturePlan(table, stringLimit);
    }

    /** clone passes its flags in the first argument, clone3 in the first field of struct clone_args. */
    Tracer.CloneFlags cloneFlags() {
        ProcessMemory memory = new ProcessMemory();
        return (tid, number, args) -> {
            if (number == clone) {
                return args.a0();
            }
            if (number == clone3 && memory.read(tid, args.a0(), 8) == 8) {
                long flags = 0;
                for (int i = 7; i >= 0; i--) {
                    flags = flags << 8 | (memory.bytes()[i] & 0xff);
                }
                return flags;
            }
            return 0;
        };
    }

    /** A successful mmap or mprotect with PROT_EXEC, or munmap: code may have come or gone. */
    Tracer.CallOutcome codeChanges() {
        final long protExec = 4;
        return (number, args, result) -> !(result < 0 && result > -4096)
                && (number == munmap || (number == mmap || number == mprotect) && (args.a2() & protExec) != 0);
    }

    /** execve and execveat: past their point of no return the caller's memory is gone. */
    IntPredicate execs() {
        return number -> number == execve || number == execveat;
    }

    /**
     * A successful seccomp(SECCOMP_SET_MODE_STRICT or _FILTER) or prctl(PR_SET_SECCOMP): from
     * then on the thread (or with TSYNC its process) is under seccomp, for good.
     */
    Tracer.CallOutcome seccompOn() {
        final long modeFilter = 1;
        final long prSetSeccomp = 22;
        return (number, args, result) -> result >= 0
                && (number == seccomp && args.a0() <= modeFilter || number == prctl && args.a0() == prSetSeccomp);
    }

    /** The call the kernel restarts an interrupted sleep with (ERESTART_RESTARTBLOCK), or -1. */
    int restartSyscall() {
        return restartSyscall;
    }
}
