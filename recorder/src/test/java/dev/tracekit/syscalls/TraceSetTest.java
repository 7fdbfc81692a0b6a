package dev.tracekit.syscalls;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.SortedSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceSetTest {
    private final SyscallTable table = SyscallTable.forArch("x86_64");

    private int number(String name) {
        return table.byName(name).orElseThrow().number();
    }

    @Test
    void classSelectsItsSyscalls() {
        SortedSet<Integer> file = table.resolveTraceSet("%file");
        assertTrue(file.contains(number("openat")));
        assertTrue(file.contains(number("execve")));
        assertFalse(file.contains(number("read")));
    }

    @Test
    void negationComplementsTheWholeList() {
        SortedSet<Integer> notNetwork = table.resolveTraceSet("!%network");
        assertFalse(notNetwork.contains(number("connect")));
        assertTrue(notNetwork.contains(number("read")));
        assertEquals(table.all().size(), notNetwork.size() + table.resolveTraceSet("%network").size());
        assertFalse(table.resolveTraceSet("!read,write").contains(number("write")));
    }

    @Test
    void namesAndClassesMix() {
        SortedSet<Integer> set = table.resolveTraceSet("read,write,%signal");
        assertTrue(set.containsAll(Set.of(number("read"), number("write"), number("rt_sigaction"), number("kill"))));
        assertFalse(set.contains(number("openat")));
    }

    @Test
    void netIsNetwork() {
        assertEquals(table.resolveTraceSet("%network"), table.resolveTraceSet("%net"));
    }

    @Test
    void allAndNone() {
        assertEquals(table.all().size(), table.resolveTraceSet("all").size());
        assertEquals(Set.of(), table.resolveTraceSet("none"));
        assertEquals(Set.of(), table.resolveTraceSet("!all"));
        assertEquals(table.resolveTraceSet("all"), table.resolveTraceSet("!none"));
    }

    @Test
    void everyClassSelectsSomething() {
        for (SyscallClass c : SyscallClass.values()) {
            assertFalse(table.resolveTraceSet("%" + c.spelling()).isEmpty(), c.spelling());
        }
    }

    @Test
    void unknownNameIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.resolveTraceSet("open,foo"));
        assertEquals("unknown syscall name 'foo' in -e trace=open,foo", e.getMessage());
    }

    @Test
    void unknownClassIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.resolveTraceSet("!%files"));
        assertEquals("unknown syscall class '%files' in -e trace=!%files", e.getMessage());
    }

    @Test
    void emptyItemIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.resolveTraceSet("read,,write"));
        assertEquals("empty item in -e trace=read,,write", e.getMessage());
    }

    @Test
    void resultIsImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> table.resolveTraceSet("read").add(1));
    }
}
