package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/** What a process has and is: limits, usage, ids and groups, priorities, CPU sets, uname, sysinfo. */
final class ResourceDecoders implements DecoderFamily {
    private static final int RUSAGE_SIZE = 144;
    private static final int UTSNAME_FIELD = 65;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("getrlimit", (c, o) -> rlimit(o.xval("rlimit_resource", c.arg(0), "RLIMIT_???").comma().entryEnds(), c,
                c.arg(1), Capture.Phase.EXIT));
        d.put("setrlimit", (c, o) -> rlimit(o.xval("rlimit_resource", c.arg(0), "RLIMIT_???").comma(), c, c.arg(1),
                Capture.Phase.ENTRY));
        d.put("prlimit64", (c, o) -> {
            o.decimalInt(c.arg(0)).comma().xval("rlimit_resource", c.arg(1), "RLIMIT_???").comma();
            rlimit(o, c, c.arg(2), Capture.Phase.ENTRY).comma().entryEnds();
            rlimit(o, c, c.arg(3), Capture.Phase.EXIT);
        });
        d.put("getrusage", (c, o) -> rusage(o.xval("rusage_who", c.arg(0), "RUSAGE_???").comma().entryEnds(), c,
                c.arg(1)));
        d.put("uname", ResourceDecoders::uname);
        d.put("sysinfo", ResourceDecoders::sysinfo);
        d.put("setuid", (c, o) -> o.id(c.arg(0)));
        d.put("setgid", (c, o) -> o.id(c.arg(0)));
        d.put("setfsuid", (c, o) -> o.id(c.arg(0)));
        d.put("setfsgid", (c, o) -> o.id(c.arg(0)));
        d.put("setreuid", (c, o) -> o.id(c.arg(0)).comma().id(c.arg(1)));
        d.put("setregid", (c, o) -> o.id(c.arg(0)).comma().id(c.arg(1)));
        d.put("setresuid", (c, o) -> o.id(c.arg(0)).comma().id(c.arg(1)).comma().id(c.arg(2)));
        d.put("setresgid", (c, o) -> o.id(c.arg(0)).comma().id(c.arg(1)).comma().id(c.arg(2)));
        d.put("getresuid", ResourceDecoders::getresid);
        d.put("getresgid", ResourceDecoders::getresid);
        d.put("getgroups", ResourceDecoders::getgroups);
        d.put("setgroups", (c, o) -> groups(o.decimalInt(c.arg(0)).comma(), c, c.arg(1), c.intArg(0),
                Capture.Phase.ENTRY));
        d.put("setpgid", (c, o) -> o.decimalInt(c.arg(0)).comma().decimalInt(c.arg(1)));
        d.put("getpgid", (c, o) -> o.decimalInt(c.arg(0)));
        d.put("getsid", (c, o) -> o.decimalInt(c.arg(0)));
        d.put("getpriority", (c, o) -> o.xval("priority_which", c.arg(0), "PRIO_???").comma().decimalInt(c.arg(1)));
        d.put("setpriority", (c, o) -> o.xval("priority_which", c.arg(0), "PRIO_???").comma().decimalInt(c.arg(1))
                .comma().decimalInt(c.arg(2)));
        d.put("sched_getaffinity", (c, o) -> {
            o.decimalInt(c.arg(0)).comma().unsignedInt(c.arg(1)).comma().entryEnds();
            cpus(o, c.succeeded() ? c.atExit(c.arg(2)) : null, c.arg(2), c.result());
        });
        d.put("sched_setaffinity", (c, o) -> {
            o.decimalInt(c.arg(0)).comma().unsignedInt(c.arg(1)).comma();
            cpus(o, c.atEntry(c.arg(2)), c.arg(2), c.arg(1) & 0xffffffffL);
        });
        d.put("sched_getscheduler", (c, o) -> o.decimalInt(c.arg(0)));
        d.put("sched_get_priority_max", (c, o) -> o.xval("sched_policy", c.arg(0), "SCHED_???"));
        d.put("sched_get_priority_min", (c, o) -> o.xval("sched_policy", c.arg(0), "SCHED_???"));
    }

    /** rlimit values: RLIM64_INFINITY, multiples of 1024 as N*1024. */

    private static ArgPrinter rlimit(ArgPrinter o, Call c, long address, Capture.Phase phase) {
        Bytes limit = phase == Capture.Phase.EXIT && !c.succeeded() ? null : o.struct(address, phase, 16);
        if (limit == null) {
            if (phase == Capture.Phase.EXIT && !c.succeeded()) {
                o.pointer(address);
            }
            return o;
        }
        o.text("{rlim_cur=");
        rlimitValue(o, limit.s64(0));
        o.text(", rlim_max=");
        rlimitValue(o, limit.s64(8));
        return o.text("}");
    }

    private static void rlimitValue(ArgPrinter o, long value) {
        if (value == -1) {
            o.text("RLIM64_INFINITY");
        } else if (Long.compareUnsigned(value, 1024) > 0 && value % 1024 == 0) {
            o.unsigned(Long.divideUnsigned(value, 1024)).text("*1024");
        } else {
            o.unsigned(value);
        }
    }

    static ArgPrinter rusage(ArgPrinter o, Call c, long address) {
        Bytes usage = c.succeeded() ? o.struct(address, Capture.Phase.EXIT, RUSAGE_SIZE) : null;
        if (usage == null) {
            if (!c.succeeded()) {
                o.pointer(address);
            }
            return o;
        }
        o.text("{ru_utime=");
        TimePrinter.timeval(o, usage, 0);
        o.text(", ru_stime=");
        TimePrinter.timeval(o, usage, 16);
        return o.text(", ...}");
    }

    private static void uname(Call c, ArgPrinter o) {
        o.entryEnds();
        Bytes names = c.succeeded() ? o.struct(c.arg(0), Capture.Phase.EXIT, 2 * UTSNAME_FIELD) : null;
        if (names == null) {
            if (!c.succeeded()) {
                o.pointer(c.arg(0));
            }
            return;
        }
        o.text("{sysname=");
        utsField(o, names, 0);
        o.text(", nodename=");
        utsField(o, names, UTSNAME_FIELD);
        o.text(", ...}");
    }

    private static void utsField(ArgPrinter o, Bytes names, int offset) {
        int length = names.cStringLength(offset, UTSNAME_FIELD);
        QuotedString.append(o.builder(), names.copy(offset, length), length, o.options().hexStrings());
        if (length == UTSNAME_FIELD) {
            o.text("...");
        }
    }

    private static void sysinfo(Call c, ArgPrinter o) {
        o.entryEnds();
        Bytes info = c.succeeded() ? o.struct(c.arg(0), Capture.Phase.EXIT, 112) : null;
        if (info == null) {
            if (!c.succeeded()) {
                o.pointer(c.arg(0));
            }
            return;
        }
        o.text("{uptime=").decimal(info.s64(0)).text(", loads=[").unsigned(info.s64(8)).comma().unsigned(info.s64(16))
                .comma().unsigned(info.s64(24)).text("], totalram=").unsigned(info.s64(32))
                .text(", freeram=").unsigned(info.s64(40)).text(", sharedram=").unsigned(info.s64(48))
                .text(", bufferram=").unsigned(info.s64(56)).text(", totalswap=").unsigned(info.s64(64))
                .text(", freeswap=").unsigned(info.s64(72)).text(", procs=").unsigned(info.u16(80))
                .text(", totalhigh=").unsigned(info.s64(88)).text(", freehigh=").unsigned(info.s64(96))
                .text(", mem_unit=").unsigned(info.u32(104)).text("}");
    }

    private static void getresid(Call c, ArgPrinter o) {
        o.entryEnds();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                o.comma();
            }
            if (c.succeeded()) {
                Bytes id = o.struct(c.arg(i), Capture.Phase.EXIT, 4);
                if (id != null) {
                    o.text("[").id(id.s32(0)).text("]");
                }
            } else {
                o.pointer(c.arg(i));
            }
        }
    }

    private static void getgroups(Call c, ArgPrinter o) {
        o.decimalInt(c.arg(0)).comma().entryEnds();
        if (c.arg(0) == 0 || !c.succeeded()) {
            o.pointer(c.arg(1));
        } else {
            groups(o, c, c.arg(1), (int) c.result(), Capture.Phase.EXIT);
        }
    }

    private static ArgPrinter groups(ArgPrinter o, Call c, long address, int count, Capture.Phase phase) {
        if (address == 0) {
            return o.text("NULL");
        }
        if (count <= 0) {
            return o.text("[]");
        }
        Capture array = c.find(phase, address);
        if (array == null) {
            return o.pointer(address);
        }
        Bytes ids = new Bytes(array.bytes());
        o.text("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                o.comma();
            }
            if (i >= o.stringLimit() || !ids.has(i * 4, 4)) {
                o.text("...");
                break;
            }
            o.id(ids.s32(i * 4));
        }
        return o.text("]");
    }

    /**
     * A CPU set as the numbers of its CPUs, [0 1]. The recorder keeps the first -s bytes of the
     * mask (256 CPUs at -s 32); a longer mask ends in "...", as strace's does beyond the kernel's
     * cpumask size.
     */

    private static void cpus(ArgPrinter o, Capture mask, long address, long length) {
        if (mask == null) {
            o.pointer(address);
            return;
        }
        Bytes bits = new Bytes(mask.bytes());
        int bytes = (int) Math.min(bits.length(), Math.max(length, 0));
        o.text("[");
        boolean first = true;
        for (int cpu = 0; cpu < bytes * 8; cpu++) {
            if ((bits.u8(cpu / 8) & 1 << (cpu % 8)) != 0) {
                o.text(first ? "" : " ").decimal(cpu);
                first = false;
            }
        }
        if (bytes < length) {
            o.text(first ? "..." : " ...");
        }
        o.text("]");
    }
}
