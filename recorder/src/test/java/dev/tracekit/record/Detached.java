package dev.tracekit.record;

import dev.tracekit.ptrace.Native;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process to attach to that is not a child of the test JVM: started through setsid --fork,
 * so neither java.lang.Process's reaper nor our tracer's waitpid meets it as a child.
 * Optionally gated: it waits for {@link #release} before it execs the command.
 */
public final class Detached {
    private static final int SIGKILL = 9;
    public final int pid;
    private final Path gate;

    private Detached(int pid, Path gate) {
        this.pid = pid;
        this.gate = gate;
    }

    public static Detached start(Path dir, List<String> command) throws Exception {
        return launch(dir, command, false);
    }

    /** Started, but blocked reading a FIFO until {@link #release}, then it execs the command. */
    static Detached gated(Path dir, List<String> command) throws Exception {
        return launch(dir, command, true);
    }

    private static Detached launch(Path dir, List<String> command, boolean gated) throws Exception {
        Path pidFile = Files.createTempFile(dir, "pid", ".txt");
        Files.delete(pidFile);
        Path gate = gated ? dir.resolve("gate-" + System.nanoTime()) : null;
        if (gated) {
            run("mkfifo", gate.toString());
        }
        String script = "echo $$ > " + pidFile + (gated ? "; read go < " + gate : "") + "; exec \"$@\"";
        List<String> argv = new ArrayList<>(List.of("setsid", "--fork", "/bin/sh", "-c", script, "sh"));
        argv.addAll(command);
        Process setsid = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        setsid.waitFor(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the detached process never wrote its pid");
            }
            Thread.sleep(5);
        }
        return new Detached(Integer.parseInt(Files.readString(pidFile).trim()), gate);
    }

    void release() throws IOException {
        Files.writeString(gate, "go\n", StandardCharsets.US_ASCII);
    }

    /** The state letter of /proc/PID/stat: R, S, D, T (stopped), t (tracing stop), Z; '-' when gone. */
    public char state() {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '-';
        }
    }

    int tracerPid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"))) {
            if (line.startsWith("TracerPid:")) {
                return Integer.parseInt(line.substring("TracerPid:".length()).trim());
            }
        }
        throw new AssertionError("no TracerPid line");
    }

    public boolean alive() {
        char state = state();
        return state != '-' && state != 'Z' && state != 'X';
    }

    public void kill() {
        Native.libc().kill(pid, SIGKILL);
    }

    public void awaitGone(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (alive()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " still running, state " + state());
            }
            Thread.sleep(10);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("failed: " + String.join(" ", command));
        }
    }
}
