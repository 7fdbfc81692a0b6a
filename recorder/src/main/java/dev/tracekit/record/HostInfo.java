package dev.tracekit.record;

import java.nio.file.Path;

/** The facts about this machine that a log's header carries. */
final class HostInfo {
    private HostInfo() {
    }

    /** As uname -m prints it. */
    static String arch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    static String kernelRelease() {
        return orUnknown(ProcSnapshot.readLine(Path.of("/proc/sys/kernel/osrelease")));
    }

    static String hostname() {
        return orUnknown(ProcSnapshot.readLine(Path.of("/proc/sys/kernel/hostname")));
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }
}
