/**
 * A Java call chain on the CPU for the stack unwinder: main -> level1 -> level2 -> level3, which
 * spins. Run with -XX:+PreserveFramePointer (compiled code keeps rbp frames) and
 * -XX:CompileCommand=dontinline,SpinChain::* so every level stays a frame. Writes the file named
 * by its argument once the chain is entered.
 */
public class SpinChain {
    static volatile long sink;

    static void level3() {
        for (;;) {
            sink++;
        }
    }

    static void level2() {
        level3();
        sink++;
    }

    static void level1() {
        level2();
        sink++;
    }

    public static void main(String[] args) throws Exception {
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), "ready");
        level1();
    }
}
