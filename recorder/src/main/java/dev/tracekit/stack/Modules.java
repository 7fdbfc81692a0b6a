package dev.tracekit.stack;

/** The executable mappings of the process being unwound. */
public interface Modules {
    /** The executable mapping holding {@code address}, or null when none does. */
    LoadedModule find(long address);
}
