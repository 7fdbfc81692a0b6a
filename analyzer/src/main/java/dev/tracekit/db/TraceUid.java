package dev.tracekit.db;

import dev.tracekit.trace.event.TraceHeader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A trace's identity across databases and machines (trace_id is only a row number in one
 * database): a hash of where and when it was recorded, the same every time a log is imported.
 */
public final class TraceUid {
    private TraceUid() {
    }

    public static String of(TraceHeader header) {
        return hash(header.hostname() + "\0" + header.monotonicAnchor() + "\0" + header.wallAnchor() + "\0"
                + String.join("\0", header.commandLine()));
    }

    static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
