package dev.tracekit.stracetext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strace text of one trace: one file, or the files {@code strace -ff -o PREFIX} wrote, one
 * per thread, {@code PREFIX.TID}. A file whose name ends in {@code .N} gives its lines without a
 * pid prefix the tid N.
 *
 * @param name what the traces table calls it: the file, or PREFIX for -ff output
 */
public record StraceInput(Path name, List<File> files) {
    private static final Pattern TID_SUFFIX = Pattern.compile("\\.(\\d{1,7})$");
    private static final int IDENTITY_BYTES = 4096;

    /** @param tid from the name's {@code .N}, else the unknown tid */
    public record File(Path path, int tid) {
    }

    /** One input of {@code files}: -ff output when there are several. */
    public static StraceInput of(List<Path> paths) {
        List<File> files = new ArrayList<>();
        for (Path path : paths) {
            Matcher suffix = TID_SUFFIX.matcher(path.getFileName().toString());
            files.add(new File(path, suffix.find() ? Integer.parseInt(suffix.group(1)) : TraceBuilder.UNKNOWN_TID));
        }
        Path first = paths.get(0);
        Path name = paths.size() == 1 ? first
                : first.resolveSibling(TID_SUFFIX.matcher(first.getFileName().toString()).replaceFirst(""));
        return new StraceInput(name, List.copyOf(files));
    }

    /** The prefix of an -ff file's name ({@code trace} of {@code trace.42}), or the name itself. */
    public static String prefix(Path path) {
        return TID_SUFFIX.matcher(path.getFileName().toString()).replaceFirst("");
    }

    long size() throws IOException {
        long size = 0;
        for (File file : files) {
            size += Files.size(file.path());
        }
        return size;
    }

    /** The latest modification among the files: when strace last wrote. */
    Instant lastModified() throws IOException {
        Instant latest = Instant.EPOCH;
        for (File file : files) {
            Instant modified = Files.getLastModifiedTime(file.path()).toInstant();
            latest = modified.isAfter(latest) ? modified : latest;
        }
        return latest;
    }

    /** The same text gets the same uid wherever it lies: a hash of each file's name, size and first bytes. */
    public String uid() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("strace".getBytes(StandardCharsets.UTF_8));
            for (File file : files) {
                digest.update(file.path().getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Long.toString(Files.size(file.path())).getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(file.path())) {
                    digest.update(in.readNBytes(IDENTITY_BYTES));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
