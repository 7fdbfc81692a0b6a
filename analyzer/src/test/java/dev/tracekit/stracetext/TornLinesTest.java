package dev.tracekit.stracetext;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** strace's attach note torn into a call's line on stderr, as strace 6.1 prints it. */
class TornLinesTest {
    @Test
    void aNoteRightAfterAPathsClosingQuoteIsTornOffAndTheLineJoined() {
        TornLines torn = new TornLines();
        assertEquals("strace: Process 8800 attached",
                torn.note("[pid  8798<file_threads>] unlink(\"/tmp/thread-1.txt\"strace: Process 8800 attached"));
        assertEquals("[pid  8800] set_robust_list(0x7f, 24) = 0", torn.whole("[pid  8800] set_robust_list(0x7f, 24) = 0"),
                "another thread's line comes between");
        assertEquals("[pid  8798<file_threads>] unlink(\"/tmp/thread-1.txt\" <unfinished ...>", torn.whole(" <unfinished ...>"));
    }

    @Test
    void aNoteInTheMiddleOfArgumentsKeepsTheRestForTheNextLine() {
        TornLines torn = new TornLines();
        assertEquals("strace: Process 42 attached", torn.note("12345 clone(child_stack=NULL, flagsstrace: Process 42 attached"));
        assertEquals("12345 clone(child_stack=NULL, flags=CLONE_VM) = 42", torn.whole("=CLONE_VM) = 42"));
    }

    @Test
    void aTearAfterACommaLeavesAnArgumentToStartTheRest() {
        TornLines torn = new TornLines();
        assertEquals("strace: Process 9 attached", torn.note("[pid     7] rt_sigprocmask(SIG_SETMASK, [], strace: Process 9 attached"));
        assertEquals("[pid     9] 10:00:00.000001 set_robust_list(0x7f, 24) = 0",
                torn.whole("[pid     9] 10:00:00.000001 set_robust_list(0x7f, 24) = 0"));
        assertEquals("10:00:00.000002 exit_group(0) = ?", torn.whole("10:00:00.000002 exit_group(0) = ?"),
                "an unprefixed line of its own");
        assertEquals("[pid     7] rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0 <0.000012>", torn.whole("NULL, 8) = 0 <0.000012>"));
    }

    @Test
    void theNotesWordsInsideAStringAreNotANote() {
        TornLines torn = new TornLines();
        assertNull(torn.note("write(2, \"strace: Process 12 attached\\n\", 28) = 28"));
        assertNull(torn.note("write(2, \"x\"..., 80strace: Process 12 attached\\n\", 28) = 28"));
        assertNull(torn.note("strace: Process 12 attached"), "a note on its own line is not torn");
        assertEquals(" <unfinished ...>", torn.whole(" <unfinished ...>"), "nothing waits to be joined");
    }
}
