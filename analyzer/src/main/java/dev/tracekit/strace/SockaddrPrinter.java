package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Socket addresses as strace prints them: {sa_family=AF_INET, sin_port=htons(80),
 * sin_addr=inet_addr("127.0.0.1")}, AF_INET6 with inet_pton, AF_UNIX with sun_path (abstract
 * ones as "@name"), AF_NETLINK with nl_pid and nl_groups; other families as raw sa_data.
 */
final class SockaddrPrinter {
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int FAMILY_SIZE = 2;
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int SIN6_MIN_SIZE = 24;
    private static final int SOCKADDR_NL_SIZE = 12;
    private static final int SOCKADDR_UN_SIZE = 110;

    private SockaddrPrinter() {
    }

    /** The address of {@code length} bytes at {@code address}, read in {@code phase}. */
    static void print(ArgPrinter out, long address, int length, Capture.Phase phase) {
        if (length < FAMILY_SIZE) {
            out.pointer(address);
            return;
        }
        if (address == 0) {
            out.text("NULL");
            return;
        }
        Capture capture = out.call().find(phase, address);
        if (capture == null) {
            out.pointer(address);
            return;
        }
        Bytes sa = new Bytes(capture.bytes());
        int shown = Math.min(length, sa.length());
        if (shown < FAMILY_SIZE) {
            out.pointer(address);
            return;
        }
        int family = sa.u16(0);
        out.text("{sa_family=").xval("socket_family", family, "AF_???");
        if (shown > FAMILY_SIZE) {
            out.comma();
            if (family == AF_UNIX) {
                unix(out, sa, shown);
            } else if (family == AF_INET && shown >= SOCKADDR_IN_SIZE) {
                out.text("sin_port=htons(").decimal(sa.be16(2)).text("), sin_addr=inet_addr(\"")
                        .text(inet(sa.copy(4, 4))).text("\")");
            } else if (family == AF_INET6 && shown >= SIN6_MIN_SIZE) {
                inet6(out, sa, shown);
            } else if (family == AF_NETLINK && shown >= SOCKADDR_NL_SIZE) {
                int pad = sa.u16(2);
                if (pad != 0) {
                    out.text("nl_pad=").hex(pad).comma();
                }
                out.text("nl_pid=").decimal(sa.s32(4)).text(", nl_groups=")
                        .text(String.format("%#010x", sa.u32(8)));
            } else {
                out.text("sa_data=");
                byte[] data = sa.copy(FAMILY_SIZE, shown - FAMILY_SIZE);
                QuotedString.append(out.builder(), data, data.length, out.options().hexStrings());
            }
        }
        out.text("}");
    }

    private static void unix(ArgPrinter out, Bytes sa, int length) {
        int pathLength = Math.min(length, SOCKADDR_UN_SIZE) - FAMILY_SIZE;
        out.text("sun_path=");
        if (sa.u8(FAMILY_SIZE) != 0) {
            int end = sa.cStringLength(FAMILY_SIZE, pathLength);
            QuotedString.append(out.builder(), sa.copy(FAMILY_SIZE, end), end, out.options().hexStrings());
        } else {
            out.text("@");
            byte[] name = sa.copy(FAMILY_SIZE + 1, Math.max(0, pathLength - 1));
            QuotedString.append(out.builder(), name, name.length, out.options().hexStrings());
        }
    }

    private static void inet6(ArgPrinter out, Bytes sa, int length) {
        out.text("sin6_port=htons(").decimal(sa.be16(2)).text("), sin6_flowinfo=htonl(")
                .decimal(Integer.toUnsignedLong(Integer.reverseBytes(sa.s32(4)))).text("), inet_pton(AF_INET6, \"")
                .text(inet6Text(sa.copy(8, 16))).text("\", &sin6_addr)");
        if (length > SIN6_MIN_SIZE) {
            out.text(", sin6_scope_id=").unsigned(sa.u32(24));
        }
    }

    static String inet(byte[] address) {
        return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }

    /** inet_ntop's text: "::1", "fe80::1", "::ffff:127.0.0.1". */
    static String inet6Text(byte[] address) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= address[i] == 0;
        }
        mapped &= (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff;
        if (mapped) {
            byte[] v4 = {address[12], address[13], address[14], address[15]};
            return "::ffff:" + inet(v4);
        }
        try {
            String text = InetAddress.getByAddress(address) instanceof Inet6Address six ? six.getHostAddress() : "";
            return compress(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    /** Java prints every group ("0:0:0:0:0:0:0:1"); inet_ntop shortens the longest run of zeros. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength && j - i > 1) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return full;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            text.append(i > 0 ? ":" : "").append(groups[i]);
        }
        text.append("::");
        for (int i = bestStart + bestLength; i < groups.length; i++) {
            text.append(i > bestStart + bestLength ? ":" : "").append(groups[i]);
        }
        return text.toString();
    }
}
