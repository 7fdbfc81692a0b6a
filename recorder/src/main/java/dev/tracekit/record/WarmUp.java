package dev.tracekit.record;

import dev.tracekit.ptrace.NativeBuffer;
import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.ptrace.ProcessMemory;
import dev.tracekit.ptrace.SyscallStopInfo;
import dev.tracekit.ptrace.Wait;
import dev.tracekit.ptrace.WaitStatus;
import dev.tracekit.stack.elf.Demangler;
import dev.tracekit.trace.TraceWriter;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.Capture;
import dev.tracekit.trace.event.ChildCreated;
import dev.tracekit.trace.event.Exec;
import dev.tracekit.trace.event.Exit;
import dev.tracekit.trace.event.SignalDelivery;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.StackSample;
import dev.tracekit.trace.event.Syscall;
import dev.tracekit.trace.event.SyscallArgs;
import dev.tracekit.trace.event.SyscallEntry;
import dev.tracekit.trace.event.ThreadRenamed;
import dev.tracekit.trace.event.TraceHeader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the tracer's code paths once before any tracee waits on them. The first write of each
 * event type loads classes and the first call of each native function makes jnr-ffi build its
 * stub: tens of milliseconds that would otherwise land inside the first syscall recorded (the
 * launched command's execve looked 70 ms long).
 */
final class WarmUp {
    private WarmUp() {
    }

    /**
     * Rounds of {@link #stacks}. The first pays nearly all (about 130 ms of CPU: classes, stubs,
     * the C library's symbols); each later one costs well under a millisecond and gets the path
     * further compiled. 200 rounds took about 60 ms more CPU than one; 50 is a compromise whose
     * benefit to the tracee was too small to measure on the shared machine.
     */
    static final int STACK_ROUNDS = 50;
    private static final long ASLEEP_WAIT_NANOS = 200_000_000;

    static void run(TraceHeader header) {
        try (TraceWriter writer = TraceWriter.to(OutputStream.nullOutputStream(), header, TraceWriter.Options.DEFAULT)) {
            ByteString bytes = ByteString.copyOf(new byte[] {'w', 'a', 'r', 'm'});
            writer.write(new Syscall(1, 1, 0, SyscallArgs.of(3, 0x1000, 4), 1, 4,
                    List.of(new Capture(Capture.Phase.EXIT, 0x1000, 4, bytes))));
            writer.write(new SyscallEntry(2, 1, 231, SyscallArgs.of(0), List.of()));
            writer.write(new SignalDelivery(3, 1, 17, 1, 2, 0, ByteString.copyOf(new byte[128])));
            writer.write(new ChildCreated(4, 1, 2, ChildCreated.Kind.FORK));
            writer.write(new Exec(5, 2, 2));
            writer.write(new ThreadRenamed(6, 2, "warm"));
            writer.write(new Exit(7, 2, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a null stream cannot fail", e);
        }
        int self = (int) ProcessHandle.current().pid();
        new ProcessMemory().read(self, new NativeBuffer(8).address(), 8);
        Ptrace.syscallInfo(self, new SyscallStopInfo());
        Ptrace.resumeToSyscall(self, 0);
    }

    /**
     * Samples {@code pid}, a seized process that sleeps (the doorbell), as a tracee is sampled:
     * interrupt, capture, resume, unwind, symbolize, write. The first round loads the classes,
     * the jnr-ffi stubs and the C library's CFI and symbols (from its debug file: tens of
     * milliseconds), which the tracee's libc then shares; the later ones get the path compiled.
     * All of it would otherwise come out of the tracee's time at its first samples.
     *
     * @return whether a signal rang the doorbell meanwhile; it was swallowed, so ring again
     */
    static boolean stacks(TracedStacks stacks, int pid, Wait wait, TraceHeader header) {
        awaitAsleep(pid);
        boolean rang = false;
        try (TraceWriter writer = TraceWriter.to(OutputStream.nullOutputStream(), header, TraceWriter.Options.DEFAULT)) {
            for (int round = 0; round < STACK_ROUNDS; round++) {
                if (Ptrace.interrupt(pid) != 0) {
                    return rang;
                }
                // A ring's signal-delivery-stop may come first; our interrupt's stop still follows.
                while (true) {
                    if (wait.waitpid(pid, Wait.ALL) != pid || !WaitStatus.stopped(wait.status())) {
                        return rang;
                    }
                    if (WaitStatus.event(wait.status()) == Ptrace.EVENT_STOP) {
                        break;
                    }
                    rang = true;
                    Ptrace.cont(pid, 0);
                }
                TracedStacks.Captured captured = stacks.capture(pid);
                Ptrace.cont(pid, 0);
                Stack stack = captured == null ? null : stacks.unwind(pid, captured);
                if (stack != null) {
                    writer.write(new StackSample(round, pid, StackSample.Trigger.TIMER, StackSample.ON_CPU, stack));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a null stream cannot fail", e);
        }
        Demangler.demangle("_ZN8tracekit4warmEv"); // loads libstdc++ for C++ names
        return rang;
    }

    /** Until {@code pid} sleeps in a system call (it starts in the dynamic loader), at most {@link #ASLEEP_WAIT_NANOS}. */
    private static void awaitAsleep(int pid) {
        long deadline = System.nanoTime() + ASLEEP_WAIT_NANOS;
        while (BlockedCall.of(pid) == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
