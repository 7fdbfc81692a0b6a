package dev.tracekit.strace;

/** Prints the arguments of one system call the way strace's decoder of that call does. */
@FunctionalInterface
interface Decoder {
    void decode(Call call, ArgPrinter out);
}
