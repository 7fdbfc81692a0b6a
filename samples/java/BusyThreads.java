import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fifty threads that each make a syscall-heavy round (a small file read and a 1 ms sleep)
 * forever, and a heartbeat: every 50 ms the rounds done so far are written to the file given
 * as argument, so a test can see the program still runs after a tracer detached.
 */
public class BusyThreads {
    public static void main(String[] args) throws Exception {
        Path heartbeat = Path.of(args[0]);
        AtomicLong rounds = new AtomicLong();
        for (int i = 0; i < 50; i++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    try {
                        Files.readAllBytes(Path.of("/proc/self/stat"));
                        Thread.sleep(1);
                        rounds.incrementAndGet();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            }, "busy-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        while (true) {
            Files.writeString(heartbeat, rounds.get() + "\n");
            Thread.sleep(50);
        }
    }
}
