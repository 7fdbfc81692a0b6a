package dev.tracekit.ptrace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * A 191-byte static x86_64 executable that stops itself with SIGSTOP, then execs its first
 * argument with the rest as argv and its environment untouched. Launching through it lets the
 * tracer seize the command before its first instruction, without a shell in between that
 * would search PATH again, rewrite PWD or change argv[0]: the command sees exactly what it
 * would see run directly, as under strace.
 *
 * <pre>
 *   close(3)                        the executable itself, passed as fd 3
 *   kill(getpid(), SIGSTOP)         the tracer seizes us here
 *   execve(argv[1], &amp;argv[2], envp)
 *   exit_group(127)                 only if execve failed
 * </pre>
 */
final class StopperProgram {
    private static final long LOAD_ADDRESS = 0x400000;
    private static final int ELF_HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;
    private static final byte[] X86_64_CODE = HexFormat.of().parseHex(
            "bf03000000" + "b803000000" + "0f05"             // mov $3,%edi; mov $3 (close),%eax; syscall
            + "b827000000" + "0f05"                          // mov $39 (getpid),%eax; syscall
            + "89c7" + "be13000000" + "b83e000000" + "0f05"  // mov %eax,%edi; mov $SIGSTOP,%esi; mov $62 (kill),%eax; syscall
            + "488b0c24"                                     // mov (%rsp),%rcx            argc
            + "488b7c2410"                                   // mov 0x10(%rsp),%rdi        argv[1]
            + "488d742418"                                   // lea 0x18(%rsp),%rsi        &argv[2]
            + "488d54cc10"                                   // lea 0x10(%rsp,%rcx,8),%rdx envp
            + "b83b000000" + "0f05"                          // mov $59 (execve),%eax; syscall
            + "bf7f000000" + "b8e7000000" + "0f05");         // mov $127,%edi; mov $231 (exit_group),%eax; syscall

    private StopperProgram() {
    }

    static byte[] elf(String arch) {
        if (!arch.equals("x86_64") && !arch.equals("amd64")) {
            throw new UnsupportedOperationException("launching commands is not supported on " + arch + " yet");
        }
        int size = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE + X86_64_CODE.length;
        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);   // 64-bit, little-endian, SysV
        elf.putShort((short) 2).putShort((short) 62).putInt(1);                    // ET_EXEC, EM_X86_64, version
        elf.putLong(LOAD_ADDRESS + ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE);         // entry
        elf.putLong(ELF_HEADER_SIZE).putLong(0).putInt(0);                         // phoff, shoff, flags
        elf.putShort((short) ELF_HEADER_SIZE).putShort((short) PROGRAM_HEADER_SIZE).putShort((short) 1)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);      // one program header, no sections
        elf.putInt(1).putInt(5);                                                   // PT_LOAD, R+X
        elf.putLong(0).putLong(LOAD_ADDRESS).putLong(LOAD_ADDRESS);               // offset, vaddr, paddr
        elf.putLong(size).putLong(size).putLong(0x1000);                           // filesz, memsz, align
        elf.put(X86_64_CODE);
        return elf.array();
    }
}
