package dev.tracekit.strace;

/** One call as strace shows it: {@code name(arguments) = result}. */
public record CallText(String name, String arguments, String result) {
}
