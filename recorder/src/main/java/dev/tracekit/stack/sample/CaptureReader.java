package dev.tracekit.stack.sample;

import dev.tracekit.ptrace.NativeBuffer;
import dev.tracekit.ptrace.ProcessMemory;
import dev.tracekit.ptrace.Ptrace;
import dev.tracekit.stack.Memory;
import dev.tracekit.stack.RegisterSet;
import dev.tracekit.stack.StackCopy;
import dev.tracekit.stack.UnreadableMemoryException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the registers and the top of the stack of a ptrace-stopped thread: PTRACE_GETREGSET
 * (NT_PRSTATUS) and one process_vm_readv of up to {@code stackBytes} from the stack pointer.
 * Reads the unwinder makes beyond that copy go to the process page by page, through a buffer
 * of their own: one thread may capture while another unwinds an earlier copy. x86_64.
 */
public final class CaptureReader {
    public static final int DEFAULT_STACK_BYTES = 32 * 1024;
    private static final int NT_PRSTATUS = 1;
    private static final int USER_REGS_SIZE = 27 * 8;
    private static final int PAGE = 4096;
    /**
     * user_regs_struct slot of each DWARF register 0-16: r15 r14 r13 r12 rbp rbx r11 r10 r9 r8
     * rax rcx rdx rsi rdi orig_rax rip cs eflags rsp ss fs_base gs_base ds es fs gs.
     */
    private static final int[] SLOT_OF_DWARF = {
            10, // 0 rax
            12, // 1 rdx
            11, // 2 rcx
            5,  // 3 rbx
            13, // 4 rsi
            14, // 5 rdi
            4,  // 6 rbp
            19, // 7 rsp
            9, 8, 7, 6, 3, 2, 1, 0, // 8-15 r8-r15
            16, // 16 rip
    };

    private final int stackBytes;
    private final NativeBuffer registers = new NativeBuffer(USER_REGS_SIZE);
    private final NativeBuffer iovec = new NativeBuffer(16);
    private final ProcessMemory memory = new ProcessMemory();
    /** For the page reads of unwinding, which may run on another thread than the captures. */
    private final ProcessMemory pages = new ProcessMemory();

    public CaptureReader(int stackBytes) {
        this.stackBytes = stackBytes;
    }

    /** The registers of stopped thread {@code tid}, or null when it is gone. */
    public RegisterSet registers(int tid) {
        iovec.putLong(0, registers.address());
        iovec.putLong(8, USER_REGS_SIZE);
        if (Ptrace.registerSet(tid, NT_PRSTATUS, iovec) != 0) {
            return null;
        }
        RegisterSet set = new RegisterSet();
        for (int dwarf = 0; dwarf < SLOT_OF_DWARF.length; dwarf++) {
            set.set(dwarf, registers.getLong(SLOT_OF_DWARF[dwarf] * 8L));
        }
        return set;
    }

    /** The stack from {@code sp} up, as far as it is mapped and at most the configured size. */
    public StackCopy stack(int pid, long sp) {
        int got = memory.read(pid, sp, stackBytes);
        byte[] bytes = new byte[Math.max(got, 0)];
        if (got > 0) {
            System.arraycopy(memory.bytes(), 0, bytes, 0, got);
        }
        return copied(pid, sp, bytes);
    }

    /** A stack top copied some other way (by perf, at a sample), read beyond its end from the process. */
    public StackCopy copied(int pid, long sp, byte[] bytes) {
        return new StackCopy(sp, bytes, bytes.length, new PageReader(pid));
    }

    /** Reads single words beyond the copy from the process, a page at a time, remembering the last page. */
    private final class PageReader implements Memory {
        private final int pid;
        private long pageAddress = -1;
        private final byte[] page = new byte[PAGE];
        private final ByteBuffer words = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);

        PageReader(int pid) {
            this.pid = pid;
        }

        @Override
        public long readLong(long address) {
            long wanted = address & -PAGE;
            if (wanted != pageAddress) {
                if ((address & (PAGE - 1)) > PAGE - 8 || pages.read(pid, wanted, PAGE) != PAGE) {
                    throw new UnreadableMemoryException(address);
                }
                System.arraycopy(pages.bytes(), 0, page, 0, PAGE);
                pageAddress = wanted;
            }
            int at = (int) (address - pageAddress);
            if (at > PAGE - 8) {
                throw new UnreadableMemoryException(address);
            }
            return words.getLong(at);
        }
    }
}
