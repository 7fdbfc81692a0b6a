package dev.tracekit.record;

import dev.tracekit.perf.PerfSample;
import dev.tracekit.ptrace.ProcessMemory;
import dev.tracekit.stack.LoadedModule;
import dev.tracekit.stack.RegisterSet;
import dev.tracekit.stack.StackCopy;
import dev.tracekit.stack.Unwinder;
import dev.tracekit.stack.elf.DebugFiles;
import dev.tracekit.stack.elf.SymbolLoader;
import dev.tracekit.stack.proc.ImageCache;
import dev.tracekit.stack.proc.PerfMap;
import dev.tracekit.stack.proc.ProcessModules;
import dev.tracekit.stack.proc.Symbolizer;
import dev.tracekit.stack.sample.CaptureReader;
import dev.tracekit.trace.event.Stack;
import dev.tracekit.trace.event.SyscallArgs;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The stacks of traced threads. A thread in a ptrace stop is {@link #capture captured}
 * (registers and the top of its stack) and unwound once it runs again; a thread blocked in a
 * system call is {@link #copyBlocked copied} from the registers its entry left known, without
 * stopping it. Each process has its own modules and JIT names, dropped when it
 * execs or ends and re-read when its executable mappings change.
 * <p>
 * Two threads may use it at once: the tracer captures and copies, one other thread (the
 * {@link StackWorker}) unwinds, forgets and marks mappings changed.
 */
final class TracedStacks {
    /** x86_64's syscall arguments, in order: rdi, rsi, rdx, r10, r8, r9 (DWARF numbers). */
    private static final int[] ARGUMENT_REGISTERS = {RegisterSet.RDI, RegisterSet.RSI, RegisterSet.RDX, 10, RegisterSet.R8, 9};
    private final ImageCache images = new ImageCache();
    private final SymbolLoader symbols = new SymbolLoader(new DebugFiles(DebugFiles.DEFAULT_ROOT));
    private final CaptureReader reader = new CaptureReader(CaptureReader.DEFAULT_STACK_BYTES);
    private final ProcessMemory memory = new ProcessMemory();
    private final Unwinder unwinder = new Unwinder();
    private final Map<Integer, ProcessStacks> processes = new HashMap<>();

    /** What a stopped thread's stack is unwound from. */
    record Captured(RegisterSet registers, StackCopy stack) {
    }

    /** @param owner the process whose maps these are: the process itself, or the parent it was forked from */
    private record ProcessStacks(ProcessModules modules, Symbolizer symbolizer, int owner) {
    }

    /** Registers and stack top of thread {@code tid}, which must be in a ptrace stop; null when it is gone. */
    Captured capture(int tid) {
        RegisterSet registers = reader.registers(tid);
        // process_vm_readv takes any tid of the process.
        return registers == null ? null : new Captured(registers, reader.stack(tid, registers.sp()));
    }

    /** What a perf sample is unwound from: the registers and stack top the kernel copied at its timer interrupt. */
    Captured captured(PerfSample sample) {
        return new Captured(sample.registers(), reader.copied(sample.pid(), sample.registers().sp(), sample.stack()));
    }

    /** The symbolized stack of a capture of a thread of process {@code pid}; null when the process is gone. */
    Stack unwind(int pid, Captured captured) {
        return unwind(pid, captured.registers(), captured.stack());
    }

    /**
     * What the stack of a thread blocked in a system call is unwound from: the registers its
     * entry left known (stack and instruction pointers; the six argument registers, where code
     * may keep a return address across the call, as glibc's vfork does in rdi; the frame
     * pointer rbp when read, from which frame-pointer code finds its frames) and the top of its
     * stack. At a syscall instruction CFI needs nothing else but callee-saved registers a frame
     * keeps its CFA in, which no compiler does but with rbp.
     *
     * @param bp rbp at the call's entry, or 0 when unknown (without syscall stops)
     */
    Captured copyBlocked(int tid, long sp, long pc, long bp, SyscallArgs args) {
        RegisterSet registers = new RegisterSet();
        registers.set(RegisterSet.RSP, sp);
        registers.set(RegisterSet.RIP, pc);
        if (bp != 0) {
            registers.set(RegisterSet.RBP, bp);
        }
        if (args != null) {
            for (int i = 0; i < ARGUMENT_REGISTERS.length; i++) {
                registers.set(ARGUMENT_REGISTERS[i], args.get(i));
            }
        }
        return new Captured(registers, reader.stack(tid, sp));
    }

    /**
     * Loads every module of process {@code pid} now, with its CFI index and symbols, so that
     * the first samples do not pay for it while the process runs.
     */
    void preload(int pid) {
        ProcessStacks process = process(pid);
        if (process == null) {
            return;
        }
        try {
            for (LoadedModule module : process.modules().loadAll()) {
                if (module.image() != null) {
                    module.image().cfi();
                }
                process.symbolizer().preload(module);
            }
        } catch (RuntimeException e) {
            // an object the ELF reader chokes on: its samples will say so
        }
    }

    /** After an execve or the process's end: its modules are someone else's now. */
    void forget(int pid) {
        processes.remove(pid);
    }

    /** After an mmap, mprotect or munmap that may have changed executable code. */
    void mappingsChanged(int pid) {
        ProcessStacks process = processes.get(pid);
        if (process != null && process.owner() != pid) {
            processes.remove(pid); // its own maps from now on, no longer its parent's
        } else if (process != null) {
            process.modules().markStale();
        }
    }

    /**
     * A new process starts with its parent's maps (fork copies them, vfork and CLONE_VM share
     * them): it uses its parent's modules until its own change, so that a sample of it is
     * unwound rightly even once it has exec'd or ended, and no maps are read for it.
     */
    void forked(int child, int parent) {
        ProcessStacks inherited = process(parent);
        if (inherited != null) {
            processes.put(child, new ProcessStacks(inherited.modules(), inherited.symbolizer(), inherited.owner()));
        }
    }

    private Stack unwind(int pid, RegisterSet registers, StackCopy stack) {
        ProcessStacks process = process(pid);
        if (process == null) {
            return null;
        }
        try {
            return process.symbolizer().symbolize(unwinder.unwind(registers, stack, process.modules()));
        } catch (RuntimeException e) {
            return null; // an object file the ELF or CFI reader chokes on costs a sample, not the recording
        }
    }

    private ProcessStacks process(int pid) {
        ProcessStacks process = processes.get(pid);
        if (process == null) {
            try {
                ProcessModules modules = new ProcessModules(pid, images, (address, length) -> {
                    int got = memory.read(pid, address, length);
                    return got == length ? Arrays.copyOf(memory.bytes(), got) : null;
                });
                process = new ProcessStacks(modules, new Symbolizer(symbols, PerfMap.forProcess(pid)), pid);
            } catch (IOException e) {
                return null; // gone: its maps cannot be read
            }
            processes.put(pid, process);
        }
        return process;
    }
}
