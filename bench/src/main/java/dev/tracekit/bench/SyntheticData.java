package dev.tracekit.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The bytes a recorder would copy out of the archiver: file contents, paths, struct stat,
 * directory entries and struct sigaction, with the variety real ones have. How well deflate
 * does on a log depends on these, so they are neither constant nor pure noise.
 */
final class SyntheticData {
    /** Debian documentation words: the text half of /usr/share/doc (README, copyright). */
    private static final String[] WORDS = {
        "the", "the", "the", "of", "of", "to", "and", "and", "a", "a", "in", "is", "for", "that", "with", "be",
        "this", "on", "are", "by", "or", "not", "as", "it", "you", "from", "may", "can", "if", "all", "use",
        "Debian", "package", "packages", "version", "upstream", "release", "License", "license", "GPL-2+",
        "Copyright:", "Files:", "Source:", "Comment:", "Upstream-Name:", "Format:", "*", "*", "-", "--",
        "(C)", "2019", "2021", "2022", "2023", "Fix", "fix", "build", "new", "New", "Update", "update",
        "support", "file", "files", "directory", "option", "options", "default", "See", "see", "README",
        "Closes:", "#1021334", "urgency=medium", "unstable;", "bookworm;", "Maintainer", "<team@debian.org>",
        "software", "Software", "without", "WARRANTY", "any", "under", "terms", "GNU", "General", "Public",
        "Foundation,", "Inc.,", "distributed", "modify", "redistribute", "https://www.debian.org/doc/",
        "/usr/share/common-licenses/GPL-2", "changes", "patch", "debian/rules", "dh_auto_build", "library",
        "libraries", "command", "program", "function", "returns", "error", "errors", "when", "which", "also",
    };
    /** The names tar met most often, weighted by how often it opened them. */
    private static final String[] COMMON_NAMES = {
        "copyright", "copyright", "copyright", "copyright", "copyright", "copyright", "copyright",
        "changelog.Debian.gz", "changelog.Debian.gz", "changelog.Debian.gz", "changelog.Debian.gz",
        "changelog.Debian.gz", "changelog.Debian.gz", "changelog.gz", "changelog.gz", "changelog.gz",
        "changelog.gz", "NEWS.Debian.gz", "README.Debian", "NEWS.gz", "README", "changelog.Debian.amd64.gz",
        "examples", "AUTHORS", "README.gz", "README.md", "TODO",
    };
    private static final String[] STEMS = {
        "ssl", "curl", "gnutls", "xml2", "sqlite", "ffi", "expat", "zstd", "lzma", "bz2", "readline", "ncursesw",
        "python3.11", "perl", "git", "openssh", "gcc-12", "stdc++", "krb5", "gssapi", "ldap", "sasl2", "idn2",
        "unistring", "tasn1", "p11-kit", "nettle", "hogweed", "gmp", "pcre2", "selinux", "systemd", "udev",
        "dbus", "glib2.0", "gdbm", "db5.3", "tcl8.6", "tk8.6", "x11", "xcb", "freetype", "fontconfig", "png16",
    };
    private static final String[] SUFFIXES = {"", "", "", "-dev", "-common", "-data", "-bin", "-doc", "-0", "-1"};
    private static final String[] DOC_FILES = {"NEWS", "ChangeLog", "THANKS", "FAQ", "BUGS", "HISTORY",
        "index.html", "manual.txt", "release-notes.md", "CONTRIBUTING.md", "usage.rst", "api.html"};
    private static final String[] PY_PACKAGES = {"json", "email", "http", "sqlite3", "encodings", "collections",
        "email/mime", "urllib", "importlib", "re", "xml/etree", "logging"};
    private static final String[] PY_MODULES = {"__init__", "decoder", "encoder", "scanner", "parser",
        "feedparser", "_policybase", "header", "charset", "client", "dbapi2", "utf_8", "aliases", "abc",
        "_parser", "_compiler", "errors", "utils", "base64mime", "quoprimime", "message", "iterators"};
    private static final String[] PY_EXTENSIONS = {"_json", "_sqlite3", "_ssl", "_hashlib", "_ctypes", "_bz2",
        "_lzma", "_decimal", "_socket", "select", "math", "_struct"};

    /** Magic, deflate, no flags, no time, maximum compression, Unix: what gzip -9n writes. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3};

    static final int STAT_SIZE = 144;
    static final int SIGACTION_SIZE = 32;
    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFDIR = 0040000;
    static final int S_IFLNK = 0120000;
    /** Files installed by dpkg share a handful of change times, one per upgrade run. */
    private static final long[] INSTALL_TIMES = {1_704_537_600L, 1_717_200_000L, 1_733_011_200L, 1_764_547_200L};

    private final SplittableRandom random;
    private long nextInode = 1_311_234;

    SyntheticData(SplittableRandom random) {
        this.random = random;
    }

    /** Text as it is in the middle of a README or copyright file. */
    byte[] text(int length) {
        StringBuilder text = new StringBuilder(length + 40);
        int sinceNewline = random.nextInt(60);
        while (text.length() < length) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(word);
            sinceNewline += word.length() + 1;
            if (sinceNewline > 64 + random.nextInt(12)) {
                text.append(random.nextInt(6) == 0 ? "\n\n" : "\n");
                sinceNewline = 0;
            } else {
                text.append(' ');
            }
        }
        byte[] bytes = new byte[length];
        System.arraycopy(text.toString().getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, length);
        return bytes;
    }

    /**
     * Compressed data (the .gz half of /usr/share/doc): indistinguishable from noise, except
     * that one read in twelve is a file's first and starts with the gzip header.
     */
    byte[] binary(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        if (random.nextInt(12) == 0) {
            System.arraycopy(GZIP_HEADER, 0, bytes, 0, Math.min(length, GZIP_HEADER.length));
        }
        return bytes;
    }

    /** A name inside a package's doc directory, relative to the directory fd. */
    String relativeName() {
        if (random.nextInt(100) < 45) {
            return COMMON_NAMES[random.nextInt(COMMON_NAMES.length)];
        }
        if (random.nextInt(4) == 0) {
            return DOC_FILES[random.nextInt(DOC_FILES.length)];
        }
        return (random.nextBoolean() ? "lib" : "") + STEMS[random.nextInt(STEMS.length)]
                + SUFFIXES[random.nextInt(SUFFIXES.length)];
    }

    /** An absolute path the interpreter probes for while importing modules. */
    String absolutePath() {
        int kind = random.nextInt(3);
        if (kind == 0) {
            return "/usr/lib/python3.11/lib-dynload/" + PY_EXTENSIONS[random.nextInt(PY_EXTENSIONS.length)]
                    + ".cpython-311-x86_64-linux-gnu.so";
        }
        String dir = "/usr/lib/python3.11/" + PY_PACKAGES[random.nextInt(PY_PACKAGES.length)] + "/";
        String module = PY_MODULES[random.nextInt(PY_MODULES.length)];
        return kind == 1 ? dir + module + ".py" : dir + "__pycache__/" + module + ".cpython-311.pyc";
    }

    /** A package's doc directory entry: mostly files, some directories and symlinks. */
    int fileMode() {
        int roll = random.nextInt(100);
        return roll < 80 ? S_IFREG | 0644 : roll < 95 ? S_IFDIR | 0755 : S_IFLNK | 0777;
    }

    long fileSize(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> 4096;
            case S_IFLNK -> 8 + random.nextInt(30);
            default -> 60 + (long) Math.exp(random.nextDouble() * Math.log(200_000));
        };
    }

    /**
     * x86_64's struct stat, as the kernel fills it for a packaged file on an ext4 root: the
     * change time is the install's, the modification time a build day in whole seconds (as the
     * .deb stored it), the access time any later moment; nanoseconds are noise.
     */
    byte[] stat(int mode, long size) {
        ByteBuffer stat = ByteBuffer.allocate(STAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        nextInode += 1 + random.nextInt(40);
        long installed = INSTALL_TIMES[random.nextInt(INSTALL_TIMES.length)];
        stat.putLong(0, 0x10302);
        stat.putLong(8, nextInode);
        stat.putLong(16, (mode & S_IFMT) == S_IFDIR ? 2 + random.nextInt(4) : 1);
        stat.putInt(24, mode);
        stat.putLong(48, size);
        stat.putLong(56, 4096);
        stat.putLong(64, (size + 4095) / 4096 * 8);
        stat.putLong(72, installed + random.nextInt(30_000_000));
        stat.putLong(80, random.nextInt(1_000_000_000));
        stat.putLong(88, installed - 86_400L * random.nextInt(400));
        stat.putLong(104, installed);
        stat.putLong(112, random.nextInt(1_000_000_000));
        return stat.array();
    }

    /** The start of a getdents64 buffer: the first struct linux_dirent64, cut at {@code length}. */
    byte[] dirent(int length) {
        String name = relativeName();
        int recordLength = (19 + name.length() + 1 + 7) & ~7;
        ByteBuffer dirent = ByteBuffer.allocate(Math.max(length, recordLength)).order(ByteOrder.LITTLE_ENDIAN);
        dirent.putLong(nextInode + random.nextInt(5000));
        dirent.putLong(random.nextLong() & Long.MAX_VALUE);
        dirent.putShort((short) recordLength);
        dirent.put((byte) (random.nextInt(5) == 0 ? 4 : 8));
        dirent.put(name.getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = new byte[length];
        System.arraycopy(dirent.array(), 0, bytes, 0, length);
        return bytes;
    }

    /** The kernel's struct sigaction: handler, flags, restorer, mask. */
    static byte[] sigaction(long handler, long flags, long restorer, long mask) {
        return ByteBuffer.allocate(SIGACTION_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(handler).putLong(flags).putLong(restorer).putLong(mask).array();
    }
}
