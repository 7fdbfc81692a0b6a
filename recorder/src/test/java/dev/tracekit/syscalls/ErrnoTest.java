package dev.tracekit.syscalls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrnoTest {
    @Test
    void namesAndMessagesAsStracePrintsThem() {
        assertEquals("ENOENT (No such file or directory)", Errno.describe(2));
        assertEquals("EAGAIN (Resource temporarily unavailable)", Errno.describe(11));
        assertEquals("ERESTARTSYS (To be restarted if SA_RESTART is set)", Errno.describe(512));
        assertEquals("ERESTART_RESTARTBLOCK (Interrupted by signal)", Errno.describe(516));
        assertEquals("EHWPOISON", Errno.name(133));
    }

    @Test
    void unknownValuesStillPrint() {
        assertEquals("E600 (Unknown error 600)", Errno.describe(600));
        assertEquals("E0", Errno.name(0));
        assertEquals("E-5", Errno.name(-5));
    }
}
