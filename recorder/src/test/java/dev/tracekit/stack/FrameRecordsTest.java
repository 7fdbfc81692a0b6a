package dev.tracekit.stack;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Frame records found on a stack by their shape: a return address in code, linked to another. */
class FrameRecordsTest {
    private static final long CODE = 0x400000;
    private static final long SP = 0x7ffd0000;
    private static final LoadedModule TEXT = new LoadedModule(CODE, CODE + 0x10000, 0, null, "/text");
    private static final Modules MODULES = address -> address >= TEXT.start() && address < TEXT.end() ? TEXT : null;

    private final Map<Long, Long> stack = new HashMap<>();
    private final Memory memory = address -> {
        if (address < SP || address >= SP + 0x1000) {
            throw new UnreadableMemoryException(address);
        }
        return stack.getOrDefault(address, 0x1234_5678L);
    };

    @Test
    void aCodePointerAmongTheLocalsIsPassedOverForTheLinkedRecord() {
        stack.put(SP + 0x08, SP + 0x100);   // a local: a stack pointer ...
        stack.put(SP + 0x10, CODE + 0x50);  // ... next to a function pointer: linked to no record
        stack.put(SP + 0x40, SP + 0x80);    // the frame's record: saved rbp ...
        stack.put(SP + 0x48, CODE + 0x123); // ... and return address
        stack.put(SP + 0x80, 0L);           // the caller's record ends the chain
        stack.put(SP + 0x88, CODE + 0x456);

        assertEquals(SP + 0x40, FrameRecords.find(SP, memory, MODULES));
    }

    @Test
    void noRecordWithinTheReadableStackIsNone() {
        assertEquals(FrameRecords.NONE, FrameRecords.find(SP, memory, MODULES));
    }

    @Test
    void aRecordLinkingBelowItselfIsNone() {
        stack.put(SP + 0x40, SP + 0x20);
        stack.put(SP + 0x48, CODE + 0x123);

        assertEquals(FrameRecords.NONE, FrameRecords.find(SP, memory, MODULES));
    }
}
