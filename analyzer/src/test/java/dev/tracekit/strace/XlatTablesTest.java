package dev.tracekit.strace;

import dev.tracekit.syscalls.ArgKind;
import dev.tracekit.syscalls.SyscallInfo;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tables the syscall table names, and how a flag table prints. */
class XlatTablesTest {
    /** quotactl's command packs a subcommand and a quota type; without a table it prints in hex. */
    private static final Set<String> WITHOUT_TABLE = Set.of("quotactl_cmd");

    /** Calls with a decoder of their own choose their tables; the others print with the one named. */
    @Test
    void everyTableACallPrintedByKindNamesExists() {
        Set<String> missing = new TreeSet<>();
        for (SyscallInfo info : Calls.X86_64.all()) {
            if (Decoders.forName(info.name()) != null) {
                continue;
            }
            for (ArgKind kind : info.args()) {
                kind.table().filter(name -> !XlatTables.has(name) && !WITHOUT_TABLE.contains(name))
                        .ifPresent(missing::add);
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void flagsPrintInTableOrderWithUnknownBitsInHex() {
        StringBuilder out = new StringBuilder();
        assertTrue(XlatTables.get("sigaction_flags").appendFlags(out, 0x1c000004L | 0x100000000L));
        assertEquals("SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_SIGINFO|0x100000000", out.toString());
        StringBuilder zero = new StringBuilder();
        assertTrue(XlatTables.get("access").appendFlags(zero, 0));
        assertEquals("F_OK", zero.toString());
        assertTrue(!XlatTables.get("mmap_prot").appendFlags(new StringBuilder(), 0x100));
    }
}
