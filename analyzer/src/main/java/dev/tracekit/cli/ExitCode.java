package dev.tracekit.cli;

/** The exit codes every tracekit command uses. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;

    private ExitCode() {
    }
}
