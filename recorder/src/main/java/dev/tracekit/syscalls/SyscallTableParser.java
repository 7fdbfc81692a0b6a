package dev.tracekit.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a syscall table resource; the grammar is in the header comment of
 * {@code syscalls-x86_64.tbl}. Every error names the source and line.
 */
final class SyscallTableParser {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern FIELDS = Pattern.compile("[ \t]+");
    private static final String STRUCT_KEYWORD = "struct";
    private static final String NO_CLASSES = "-";

    private final String source;
    private final Map<String, Integer> structSizes = new LinkedHashMap<>();
    private final Map<String, Integer> structLines = new HashMap<>();
    private final Map<Integer, Integer> numberLines = new HashMap<>();
    private final Map<String, Integer> nameLines = new HashMap<>();
    private final List<SyscallInfo> syscalls = new ArrayList<>();
    private int lineNumber;

    private SyscallTableParser(String source) {
        this.source = source;
    }

    /**
     * @param source the resource name, for error messages
     * @throws TableFormatException for the first line that breaks the grammar
     */
    static SyscallTable parse(String arch, String source, Reader reader) throws IOException {
        SyscallTableParser parser = new SyscallTableParser(source);
        BufferedReader lines = new BufferedReader(reader);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            parser.lineNumber++;
            parser.parseLine(line);
        }
        return new SyscallTable(arch, parser.syscalls, new StructSizes(parser.structSizes));
    }

    static boolean isIdentifier(String text) {
        return IDENTIFIER.matcher(text).matches();
    }

    private void parseLine(String line) {
        int comment = line.indexOf('#');
        String content = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (content.isEmpty()) {
            return;
        }
        String[] fields = FIELDS.split(content, 4);
        if (fields[0].equals(STRUCT_KEYWORD)) {
            parseStruct(fields);
        } else {
            parseSyscall(fields);
        }
    }

    private void parseStruct(String[] fields) {
        if (fields.length != 3) {
            throw error("expected 'struct NAME SIZE'");
        }
        String name = identifier(fields[1], "struct name");
        Integer earlier = structLines.putIfAbsent(name, lineNumber);
        if (earlier != null) {
            throw error("struct " + name + " is already declared on line " + earlier);
        }
        int size = decimal(fields[2], "struct size");
        if (size == 0) {
            throw error("struct " + name + " has size 0");
        }
        structSizes.put(name, size);
    }

    private void parseSyscall(String[] fields) {
        if (fields.length != 4) {
            throw error("expected 'NUMBER NAME CLASSES SIGNATURE' or 'struct NAME SIZE'");
        }
        int number = decimal(fields[0], "syscall number");
        String name = identifier(fields[1], "syscall name");
        Set<SyscallClass> classes = classes(fields[2]);
        List<ArgKind> args = signature(name, fields[3]);
        Integer earlier = numberLines.putIfAbsent(number, lineNumber);
        if (earlier != null) {
            throw error("syscall number " + number + " is already used on line " + earlier);
        }
        earlier = nameLines.putIfAbsent(name, lineNumber);
        if (earlier != null) {
            throw error("syscall " + name + " is already defined on line " + earlier);
        }
        syscalls.add(new SyscallInfo(number, name, classes, args));
    }

    private Set<SyscallClass> classes(String field) {
        Set<SyscallClass> classes = EnumSet.noneOf(SyscallClass.class);
        if (field.equals(NO_CLASSES)) {
            return classes;
        }
        for (String spelling : field.split(",", -1)) {
            SyscallClass syscallClass = SyscallClass.fromSpelling(spelling).orElseThrow(() ->
                    error("unknown class '" + spelling + "' in '" + field + "' (classes are "
                            + classNames() + ", or '" + NO_CLASSES + "' for none)"));
            if (!classes.add(syscallClass)) {
                throw error("class " + spelling + " is listed twice in '" + field + "'");
            }
        }
        return classes;
    }

    private static String classNames() {
        List<String> names = new ArrayList<>();
        for (SyscallClass c : SyscallClass.values()) {
            names.add(c.spelling());
        }
        return String.join(" ", names);
    }

    private List<ArgKind> signature(String syscall, String field) {
        if (!field.startsWith("(") || !field.endsWith(")")) {
            throw error("the signature of " + syscall + " must be a parenthesised list, got '" + field + "'");
        }
        String inside = field.substring(1, field.length() - 1).strip();
        List<ArgKind> args = new ArrayList<>();
        if (inside.isEmpty()) {
            return args;
        }
        String[] items = inside.split(",", -1);
        if (items.length > SyscallInfo.MAX_ARGS) {
            throw error(syscall + " has " + items.length + " arguments; a system call takes at most "
                    + SyscallInfo.MAX_ARGS);
        }
        for (int i = 0; i < items.length; i++) {
            try {
                args.add(ArgKind.parse(items[i].strip()));
            } catch (IllegalArgumentException e) {
                throw error("argument " + i + " of " + syscall + ": " + e.getMessage());
            }
        }
        for (int i = 0; i < args.size(); i++) {
            checkReferences(syscall, i, args);
        }
        return args;
    }

    /** Checks that the structs and size arguments an argument kind names exist and fit. */
    private void checkReferences(String syscall, int index, List<ArgKind> args) {
        ArgKind arg = args.get(index);
        String where = "argument " + index + " of " + syscall + " ('" + arg + "')";
        arg.kind().impliedStruct().filter(struct -> !structSizes.containsKey(struct)).ifPresent(struct -> {
            throw error(where + " needs a 'struct " + struct + " SIZE' line before it");
        });
        arg.struct().filter(struct -> !structSizes.containsKey(struct)).ifPresent(struct -> {
            throw error(where + " names struct " + struct + ", which no earlier 'struct " + struct
                    + " SIZE' line declares");
        });
        if (arg.size().isEmpty()) {
            return;
        }
        SizeSource size = arg.size().get();
        boolean readOnlyAtExit = arg.kind().reads() == ArgKind.Reads.AT_EXIT;
        if (size.isResult()) {
            if (!readOnlyAtExit) {
                throw error(where + " takes its size from the return value, which is known only at exit");
            }
            return;
        }
        if (size.argument() == index) {
            throw error(where + " takes its size from itself");
        }
        if (size.argument() >= args.size()) {
            throw error(where + " takes its size from argument " + size.argument() + ", but " + syscall
                    + " has " + args.size() + " arguments");
        }
        ArgKind.Kind sizeKind = args.get(size.argument()).kind();
        boolean countable = sizeKind == ArgKind.Kind.INT || sizeKind == ArgKind.Kind.UINT
                || sizeKind == ArgKind.Kind.INTPTR_OUT;
        if (!countable) {
            throw error(where + " takes its size from argument " + size.argument() + ", a "
                    + sizeKind.spelling() + "; a size must be int, uint or intptr_out");
        }
        if (sizeKind == ArgKind.Kind.INTPTR_OUT && !readOnlyAtExit) {
            throw error(where + " takes its size from intptr_out argument " + size.argument()
                    + ", which is read only at exit");
        }
    }

    private String identifier(String text, String what) {
        if (!isIdentifier(text)) {
            throw error(what + " '" + text + "' is not a name (lower-case letters, digits, '_')");
        }
        return text;
    }

    private int decimal(String text, String what) {
        if (!DECIMAL.matcher(text).matches()) {
            throw error(what + " '" + text + "' is not a decimal number");
        }
        return Integer.parseInt(text);
    }

    private TableFormatException error(String problem) {
        return new TableFormatException(source, lineNumber, problem);
    }
}
