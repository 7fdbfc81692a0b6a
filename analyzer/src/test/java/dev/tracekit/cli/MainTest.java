package dev.tracekit.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.out().contains("record") && run.out().contains("analyze") && run.out().contains("dump"), run.out());
        assertTrue(run.out().contains("Exit codes: 0 ok, 1 failure, 2 usage error, 3 bad or corrupt input."), run.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"record", "analyze", "dump"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("Usage: tracekit " + command), run.out());
            assertTrue(run.out().contains("-h, --help"), run.out());
        }
    }

    @Test
    void versionNamesTheRelease() {
        CliRun run = CliRun.of("--version");
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.out().matches("(?s)tracekit \\d+\\.\\d+\\.\\d+.*"), run.out());
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLinePlusAHint() {
        CliRun run = CliRun.of("dump", "--no-such-option", "x.trace");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertEquals("tracekit: Unknown option: '--no-such-option'\nTry 'tracekit dump --help' for more information.\n",
                run.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(ExitCode.USAGE, CliRun.of("frobnicate").exitCode());
    }
}
