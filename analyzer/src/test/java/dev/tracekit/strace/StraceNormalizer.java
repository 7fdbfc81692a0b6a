package dev.tracekit.strace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of {@code strace -f -tt -T} (strace's or tracekit's) into per-thread lines that
 * two runs of the same program can share. Each rule removes something that legitimately differs
 * from run to run, and nothing else:
 * <ol>
 *   <li>timestamps and durations: the clock;</li>
 *   <li>{@code <unfinished ...>} / {@code <... NAME resumed>} pairs are joined into one line,
 *       and the padding before {@code = } collapsed: where a call is split depends on which
 *       thread the scheduler ran;</li>
 *   <li>lines are grouped by thread and threads are named by creation (T for the first, T.1
 *       for its first child, T.1.2 ...): tids differ, and so does the order in which threads'
 *       lines interleave;</li>
 *   <li>tids inside lines (clone's result, wait4's, si_pid, set_tid_address's, ...) become
 *       those names; getppid's result becomes PPID (strace's pid, or the recorder's);</li>
 *   <li>hexadecimal numbers of 7 or more digits become 0xADDR: addresses, randomized by ASLR;</li>
 *   <li>in a process of several threads, the numbers of descriptors 3 and up become FD, where
 *       a call returns one or takes one first: which free number a thread gets depends on what
 *       its siblings hold at that moment;</li>
 *   <li>what the kernel makes up per run: getrandom's bytes, sysinfo's counters, a file
 *       system's free blocks and inodes, the time left of an interrupted sleep or a poll, clock
 *       readings, CPU times (getrusage, a SIGCHLD's).</li>
 * </ol>
 */
final class StraceNormalizer {
    private static final Pattern LINE = Pattern.compile("^(\\d+) +(?:\\d\\d:\\d\\d:\\d\\d\\.\\d{6} )?(.*)$");
    private static final Pattern DURATION = Pattern.compile(" <\\d+\\.\\d{6}>$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. [a-z_0-9]+ resumed>(.*)$");
    private static final String UNFINISHED = " <unfinished ...>";
    private static final Pattern PADDING = Pattern.compile("\\) +=( |$)");
    private static final Pattern CHILD_RESULT = Pattern.compile("^(?:clone|clone3|fork|vfork)\\(.*\\) = (\\d+)$");
    private static final Pattern FIRST_FD = Pattern.compile("^(read|write|close|pread64|pwrite64|fstat|newfstatat|"
            + "lseek|fcntl|ioctl|getdents64|dup|dup2|dup3)\\(([3-9]|\\d{2,})(?=[,)])");
    private static final Pattern NEW_FD = Pattern.compile("^((?:open|openat|creat|dup|dup2|dup3|socket|accept|accept4)"
            + "\\(.*\\) = )([3-9]|\\d{2,})$");
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9a-zA-Z_.x])\\d{2,}(?![0-9a-zA-Z_])");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{7,}");
    private static final Pattern RANDOM = Pattern.compile("^getrandom\\(\"[^\"]*\"");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern INTERRUPTED_SLEEP =
            Pattern.compile("\\{tv_sec=\\d+, tv_nsec=\\d+\\}\\) = \\? ERESTART");
    private static final Pattern CHILD_TIMES = Pattern.compile("si_([us])time=\\d+( /\\* [0-9.]+ s \\*/)?");
    private static final Pattern CLOCK_READING = Pattern.compile("^(clock_gettime|gettimeofday|time)\\(");
    private static final Pattern FREE_COUNTS = Pattern.compile("(f_bfree|f_bavail|f_ffree)=\\d+");
    private static final Pattern TIME_LEFT = Pattern.compile("left \\{tv_sec=\\d+, tv_(n|u)sec=\\d+\\}");
    private static final Pattern CPU_TIMES = Pattern.compile("(ru_[us]time)=\\{tv_sec=\\d+, tv_usec=\\d+\\}");

    private StraceNormalizer() {
    }

    /** The lines of each thread, in the order the text had them, by thread name. */
    static Map<String, List<String>> byThread(List<String> text) {
        Map<Integer, List<String>> byTid = new LinkedHashMap<>();
        Map<Integer, String> pending = new HashMap<>();
        for (String raw : text) {
            Matcher line = LINE.matcher(raw);
            if (!line.matches()) {
                continue;
            }
            int tid = Integer.parseInt(line.group(1));
            String body = DURATION.matcher(line.group(2)).replaceFirst("");
            if (body.endsWith(UNFINISHED)) {
                pending.put(tid, body.substring(0, body.length() - UNFINISHED.length()));
                continue;
            }
            Matcher resumed = RESUMED.matcher(body);
            if (resumed.matches() && pending.containsKey(tid)) {
                body = pending.remove(tid) + resumed.group(1);
            }
            byTid.computeIfAbsent(tid, t -> new ArrayList<>()).add(PADDING.matcher(body).replaceAll(") =$1"));
        }
        pending.forEach((tid, body) -> byTid.computeIfAbsent(tid, t -> new ArrayList<>()).add(body + UNFINISHED));
        Map<Integer, String> names = threadNames(byTid);
        Set<Integer> sharing = sharingDescriptors(byTid);
        Map<String, List<String>> named = new TreeMap<>();
        byTid.forEach((tid, lines) -> named.put(names.getOrDefault(tid, "?" + tid), lines.stream()
                .map(l -> values(sharing.contains(tid) ? descriptors(l) : l, names)).toList()));
        return named;
    }

    /** The threads made with CLONE_THREAD, and the threads that made them. */
    private static Set<Integer> sharingDescriptors(Map<Integer, List<String>> byTid) {
        Set<Integer> sharing = new HashSet<>();
        byTid.forEach((tid, lines) -> {
            for (String line : lines) {
                Matcher child = CHILD_RESULT.matcher(line);
                if (child.matches() && line.contains("CLONE_THREAD")) {
                    sharing.add(tid);
                    sharing.add(Integer.parseInt(child.group(1)));
                }
            }
        });
        return sharing;
    }

    private static String descriptors(String line) {
        String text = FIRST_FD.matcher(line).replaceFirst("$1(FD");
        return NEW_FD.matcher(text).replaceFirst("$1FD");
    }

    /** The first thread is T; a thread's n-th child (clone, fork, vfork) is its name + "." + n. */
    private static Map<Integer, String> threadNames(Map<Integer, List<String>> byTid) {
        Map<Integer, String> names = new HashMap<>();
        if (byTid.isEmpty()) {
            return names;
        }
        int root = byTid.keySet().iterator().next();
        names.put(root, "T");
        name(root, byTid, names);
        return names;
    }

    private static void name(int parent, Map<Integer, List<String>> byTid, Map<Integer, String> names) {
        int children = 0;
        for (String line : byTid.getOrDefault(parent, List.of())) {
            Matcher child = CHILD_RESULT.matcher(line);
            if (child.matches()) {
                int tid = Integer.parseInt(child.group(1));
                if (!names.containsKey(tid)) {
                    names.put(tid, names.get(parent) + "." + ++children);
                    name(tid, byTid, names);
                }
            }
        }
    }

    private static String values(String line, Map<Integer, String> names) {
        String text = line;
        if (text.startsWith("getppid()")) {
            text = text.replaceFirst("= \\d+$", "= PPID");
        }
        Matcher numbers = NUMBER.matcher(text);
        StringBuilder replaced = new StringBuilder();
        while (numbers.find()) {
            String name = numbers.group().length() <= 9 ? names.get(Integer.parseInt(numbers.group())) : null;
            numbers.appendReplacement(replaced, name != null ? name : numbers.group());
        }
        numbers.appendTail(replaced);
        text = ADDRESS.matcher(replaced.toString()).replaceAll("0xADDR");
        text = RANDOM.matcher(text).replaceFirst("getrandom(\"RANDOM\"");
        if (text.startsWith("sysinfo(") || CLOCK_READING.matcher(text).find()) {
            text = DIGITS.matcher(text).replaceAll("N");
        }
        text = INTERRUPTED_SLEEP.matcher(text).replaceAll("{tv_sec=N, tv_nsec=N}) = ? ERESTART");
        text = FREE_COUNTS.matcher(text).replaceAll("$1=N");
        text = TIME_LEFT.matcher(text).replaceAll("left {tv_sec=N, tv_$1sec=N}");
        text = CPU_TIMES.matcher(text).replaceAll("$1={tv_sec=N, tv_usec=N}");
        return CHILD_TIMES.matcher(text).replaceAll("si_$1time=N");
    }
}
