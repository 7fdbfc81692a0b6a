package dev.tracekit.strace;

/**
 * One call's text in the pieces a line is assembled from.
 *
 * @param number         the syscall number, for strace -n
 * @param entryText      the arguments strace prints when the call is entered
 * @param exitText       the rest, printed once it returned ({@code <... NAME resumed>} and this)
 * @param decodesAtExit  whether strace's decoder would print at exit; a call that never returns
 *                       then shows {@code <unfinished ...>} before {@code ) = ?}
 * @param result         what follows {@code = }: {@code 3}, {@code -1 ENOENT (...)}, {@code ?}
 */
record RenderedCall(int tid, int number, String name, String entryText, String exitText, boolean decodesAtExit,
                    String result) {
}
