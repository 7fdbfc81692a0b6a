package dev.tracekit.ptrace;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A NULL-terminated {@code char *[]} in native memory, as execve and posix_spawn take it. */
final class CStringArray {
    private final NativeBuffer pointers;
    private final NativeBuffer[] strings;

    CStringArray(List<String> values) {
        pointers = new NativeBuffer(8 * (values.size() + 1));
        strings = new NativeBuffer[values.size()];
        for (int i = 0; i < values.size(); i++) {
            byte[] utf8 = values.get(i).getBytes(StandardCharsets.UTF_8);
            strings[i] = new NativeBuffer(utf8.length + 1);
            strings[i].put(0, utf8, 0, utf8.length);
            pointers.putLong(8L * i, strings[i].address());
        }
    }

    long address() {
        return pointers.address();
    }
}
