package dev.tracekit.syscalls;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** The sizes in bytes of the structures an architecture's argument kinds read. */
public final class StructSizes {
    private final Map<String, Integer> sizes;

    StructSizes(Map<String, Integer> sizes) {
        this.sizes = Map.copyOf(sizes);
    }

    public OptionalInt sizeOf(String struct) {
        Integer size = sizes.get(struct);
        return size == null ? OptionalInt.empty() : OptionalInt.of(size);
    }

    public Set<String> names() {
        return sizes.keySet();
    }
}
