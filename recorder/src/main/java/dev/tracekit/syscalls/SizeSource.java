package dev.tracekit.syscalls;

/**
 * Where the length of captured memory comes from: an argument (by 0-based index) or the
 * return value.
 */
public record SizeSource(int argument) {
    private static final int RESULT_MARK = -1;
    public static final SizeSource RESULT = new SizeSource(RESULT_MARK);
    private static final String RESULT_SPELLING = "ret";

    public SizeSource {
        if (argument != RESULT_MARK && (argument < 0 || argument >= SyscallInfo.MAX_ARGS)) {
            throw new IllegalArgumentException("argument index " + argument + " is not in 0.."
                    + (SyscallInfo.MAX_ARGS - 1));
        }
    }

    public static SizeSource ofArgument(int index) {
        return new SizeSource(index);
    }

    public boolean isResult() {
        return argument == RESULT_MARK;
    }

    /** Parses {@code ret} or an argument index. */
    static SizeSource parse(String text) {
        if (text.equals(RESULT_SPELLING)) {
            return RESULT;
        }
        if (text.length() == 1 && text.charAt(0) >= '0' && text.charAt(0) < '0' + SyscallInfo.MAX_ARGS) {
            return ofArgument(text.charAt(0) - '0');
        }
        throw new IllegalArgumentException("size '" + text + "' is neither an argument index 0.."
                + (SyscallInfo.MAX_ARGS - 1) + " nor 'ret'");
    }

    @Override
    public String toString() {
        return isResult() ? RESULT_SPELLING : Integer.toString(argument);
    }
}
