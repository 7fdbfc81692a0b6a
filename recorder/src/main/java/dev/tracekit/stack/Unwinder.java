package dev.tracekit.stack;

import dev.tracekit.stack.cfi.CfiException;
import dev.tracekit.stack.cfi.CfiInterpreter;
import dev.tracekit.stack.cfi.DwarfExpression;
import dev.tracekit.stack.cfi.Fde;
import dev.tracekit.stack.cfi.UnwindRow;

import java.util.ArrayList;
import java.util.List;

/**
 * Unwinds an x86_64 stack from registers, a copy of stack memory and the process's modules:
 * a pure function of its inputs, so it runs on a captured sample long after the thread moved
 * on. DWARF CFI where an object has it; where it has none, musl's signal trampoline is
 * recognized by its code and other code (JIT) is walked by frame pointers. Where the CFI needs
 * rbp and no register told it, the frame record is found on the stack ({@link FrameRecords}). Not thread-safe:
 * it reuses its work areas; use one per thread.
 */
public final class Unwinder {
    public static final int MAX_DEPTH = 256;

    private final CfiInterpreter interpreter = new CfiInterpreter();
    private final DwarfExpression expression = new DwarfExpression();
    private final UnwindRow row = new UnwindRow();
    private final RegisterSet current = new RegisterSet();
    private final RegisterSet caller = new RegisterSet();

    public UnwoundStack unwind(RegisterSet registers, Memory memory, Modules modules) {
        current.copyFrom(registers);
        List<UnwoundFrame> frames = new ArrayList<>(32);
        FrameMethod method = FrameMethod.REGISTERS;
        boolean exact = true;
        while (true) {
            if (frames.size() == MAX_DEPTH) {
                return new UnwoundStack(frames, true, "depth cap of " + MAX_DEPTH + " frames");
            }
            long pc = current.pc();
            long lookup = exact ? pc : pc - 1;
            LoadedModule module = modules.find(lookup);
            if (frames.isEmpty() && module != null && SyscallInstruction.endsAt(module, pc)) {
                // Stopped at or blocked in a call: the syscall instruction's row, also where it
                // ends its function (a sigreturn trampoline), since it changes no CFI register.
                lookup = pc - 1;
                if (fdeAt(module, lookup) == null && fdeAt(module, pc - SyscallInstruction.LENGTH - 1) != null) {
                    // glibc's clone and clone3 end their CFI before the syscall (the child's
                    // would be wrong): the row of the instruction before holds for it too.
                    lookup = pc - SyscallInstruction.LENGTH - 1;
                }
            }
            if (module == null) {
                return new UnwoundStack(frames, true, "pc 0x" + Long.toHexString(pc) + " is in no executable mapping");
            }
            frames.add(new UnwoundFrame(pc, module, method, exact));
            Step step;
            try {
                step = step(module, pc, lookup, memory, modules);
            } catch (CfiException | UnreadableMemoryException e) {
                return new UnwoundStack(frames, true, e.getMessage());
            }
            switch (step) {
                case OUTERMOST:
                    return new UnwoundStack(frames, false, null);
                case STUCK:
                    return new UnwoundStack(frames, true, "no rule for the return address at 0x" + Long.toHexString(pc));
                default:
                    break;
            }
            boolean signalFrame = step == Step.SIGNAL_FRAME || step == Step.SIGNAL_CONTEXT;
            if (signalFrame && !exact) {
                // The kernel, not a call, put this trampoline's address on the stack: its pc is exact.
                frames.set(frames.size() - 1, new UnwoundFrame(pc, module, method, true));
            }
            // Each caller's frame lies above its callee's, but for the innermost frame the CFA may
            // equal sp: glibc's vfork pops its return address into rdi before the call.
            int growth = Long.compareUnsigned(caller.sp(), current.sp());
            if (!signalFrame && (growth < 0 || growth == 0 && frames.size() > 1)) {
                return new UnwoundStack(frames, true, "the CFA did not grow at 0x" + Long.toHexString(pc));
            }
            if (caller.pc() == 0) {
                return new UnwoundStack(frames, false, null);
            }
            method = switch (step) {
                case FRAME_POINTER -> FrameMethod.FRAME_POINTER;
                case SIGNAL_CONTEXT -> FrameMethod.SIGNAL_CONTEXT;
                default -> FrameMethod.CFI;
            };
            exact = signalFrame;
            current.copyFrom(caller);
        }
    }

    /**
     * SIGNAL_FRAME: a trampoline's CFI ('S'); SIGNAL_CONTEXT: a trampoline without CFI, read by
     * {@link SigreturnTrampoline}. Both give the interrupted frame an exact pc.
     */
    private enum Step { CFI, SIGNAL_FRAME, SIGNAL_CONTEXT, FRAME_POINTER, OUTERMOST, STUCK }

    /** Computes the caller's registers into {@link #caller}. */
    private Step step(LoadedModule module, long pc, long lookup, Memory memory, Modules modules) {
        Fde fde = fdeAt(module, lookup);
        if (fde == null) {
            if (SigreturnTrampoline.isAt(module, pc) || SigreturnTrampoline.endsAt(module, pc)) {
                SigreturnTrampoline.restore(current.sp(), memory, caller);
                return Step.SIGNAL_CONTEXT;
            }
            return framePointerStep(memory);
        }
        interpreter.rowAt(fde, module.fileAddress(lookup), row);
        int returnAddress = fde.cie().returnAddressRegister();
        if (returnAddress >= RegisterSet.COUNT || row.kind[returnAddress] == UnwindRow.UNDEFINED) {
            return Step.OUTERMOST; // glibc marks _start and clone3 so
        }
        if (row.kind[returnAddress] == UnwindRow.SAME) {
            return Step.STUCK;
        }
        var buffer = fde.section().buffer();
        long cfa;
        if (row.cfaKind == UnwindRow.CFA_EXPRESSION) {
            long packed = row.cfaExpression();
            cfa = expression.evaluate(buffer, UnwindRow.expressionStart(packed), UnwindRow.expressionLength(packed),
                    current, memory, false, 0);
        } else {
            if (row.cfaRegister == RegisterSet.RBP && !current.isKnown(RegisterSet.RBP)) {
                long record = FrameRecords.find(current.sp(), memory, modules);
                if (record != FrameRecords.NONE) {
                    current.set(RegisterSet.RBP, record);
                }
            }
            if (!current.isKnown(row.cfaRegister)) {
                throw new CfiException("CFA register " + row.cfaRegister + " is unknown");
            }
            cfa = current.get(row.cfaRegister) + row.cfaOffset;
        }
        caller.copyFrom(current);
        for (int register = 0; register < RegisterSet.COUNT; register++) {
            long value = row.value[register];
            switch (row.kind[register]) {
                case UnwindRow.UNDEFINED -> caller.forget(register);
                case UnwindRow.OFFSET -> caller.set(register, memory.readLong(cfa + value));
                case UnwindRow.VAL_OFFSET -> caller.set(register, cfa + value);
                case UnwindRow.REGISTER -> {
                    if (current.isKnown((int) value)) {
                        caller.set(register, current.get((int) value));
                    } else {
                        caller.forget(register);
                    }
                }
                case UnwindRow.EXPRESSION -> caller.set(register, memory.readLong(evaluate(buffer, value, memory, cfa)));
                case UnwindRow.VAL_EXPRESSION -> caller.set(register, evaluate(buffer, value, memory, cfa));
                default -> { } // SAME: callee-saved and untouched
            }
        }
        caller.set(RegisterSet.RSP, cfa);
        if (returnAddress != RegisterSet.RIP) {
            caller.set(RegisterSet.RIP, caller.get(returnAddress));
        }
        return fde.cie().signalFrame() ? Step.SIGNAL_FRAME : Step.CFI;
    }

    private long evaluate(java.nio.ByteBuffer buffer, long packed, Memory memory, long cfa) {
        return expression.evaluate(buffer, UnwindRow.expressionStart(packed), UnwindRow.expressionLength(packed),
                current, memory, true, cfa);
    }

    /** The CFI covering {@code address}, or null. */
    private static Fde fdeAt(LoadedModule module, long address) {
        return module.image() == null ? null : module.image().cfi().find(module.fileAddress(address));
    }

    /** Code without CFI: the frame-pointer record [saved rbp, return address] at rbp. */
    private Step framePointerStep(Memory memory) {
        if (!current.isKnown(RegisterSet.RBP)) {
            return Step.STUCK;
        }
        long rbp = current.get(RegisterSet.RBP);
        if (rbp == 0) {
            return Step.OUTERMOST; // the chain's end, as threads and _start leave it
        }
        caller.copyFrom(current);
        caller.set(RegisterSet.RIP, memory.readLong(rbp + 8));
        caller.set(RegisterSet.RBP, memory.readLong(rbp));
        caller.set(RegisterSet.RSP, rbp + 16);
        return Step.FRAME_POINTER;
    }
}
