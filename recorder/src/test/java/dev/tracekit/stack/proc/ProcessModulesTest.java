package dev.tracekit.stack.proc;

import dev.tracekit.stack.LoadedModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessModulesTest {
    @Test
    void loadAllLoadsEveryExecutableMappingOfALiveProcessAtOnce() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        ProcessModules modules = new ProcessModules(self, new ImageCache(), (address, length) -> null);

        List<LoadedModule> loaded = modules.loadAll();

        // The JVM maps and unmaps code all along: compare with the executable mappings loosely.
        assertTrue(loaded.size() >= 3, loaded.size() + " modules");
        LoadedModule libc = loaded.stream().filter(m -> m.path().endsWith("/libc.so.6")).findFirst().orElse(null);
        assertNotNull(libc, "the JVM maps the C library");
        assertNotNull(libc.image(), "its ELF image is read");
        assertTrue(modules.find(libc.start()) == libc, "later lookups find the same module");
    }
}
