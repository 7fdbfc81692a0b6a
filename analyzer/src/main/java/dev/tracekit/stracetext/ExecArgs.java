package dev.tracekit.stracetext;

import java.util.ArrayList;
import java.util.List;

/** The program and argv of an execve as strace printed them: {@code "/bin/ls", ["ls", "-l"], 0x7ffd... /* 35 vars *}{@code /}. */
final class ExecArgs {
    private ExecArgs() {
    }

    /** The quoted strings of the arguments, in order, unescaped: the path first, then argv's. */
    static List<String> strings(String args, int limit) {
        List<String> strings = new ArrayList<>();
        int i = args.indexOf('"');
        while (i >= 0 && strings.size() < limit) {
            StringBuilder value = new StringBuilder();
            int j = i + 1;
            for (; j < args.length() && args.charAt(j) != '"'; j++) {
                char c = args.charAt(j);
                if (c == '\\' && j + 1 < args.length()) {
                    c = args.charAt(++j);
                    value.append(switch (c) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> c;
                    });
                } else {
                    value.append(c);
                }
            }
            strings.add(value.toString());
            int close = args.indexOf(']', j);
            i = args.indexOf('"', j + 1);
            if (close >= 0 && i > close) {
                break;
            }
        }
        return strings;
    }

    /** What the kernel names a thread after an exec: the file name's last part, 15 characters at most. */
    static String comm(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.length() > 15 ? base.substring(0, 15) : base;
    }
}
