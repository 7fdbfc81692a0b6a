package dev.tracekit.strace;

import dev.tracekit.trace.event.Capture;

import java.util.Map;

/**
 * Socket calls: socket, connect, bind, accept, send and receive, socket options. A length the
 * caller passes by pointer (accept's addrlen, getsockopt's optlen) is recorded only as the
 * kernel left it, so where strace shows {@code [128 => 16]} this shows {@code [16]}.
 */
final class NetworkDecoders implements DecoderFamily {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final long SOCK_TYPE_MASK = 0xf;
    private static final int SOL_IP = 0;
    private static final int SOL_SOCKET = 1;
    private static final int SOL_TCP = 6;
    private static final int SOL_UDP = 17;
    private static final int SOL_IPV6 = 41;
    private static final int SO_ERROR = 4;
    private static final int MSGHDR_SIZE = 56;
    private static final int MMSGHDR_SIZE = 64;
    private static final int CMSGHDR_SIZE = 16;
    private static final int SCM_RIGHTS = 1;
    private static final int SCM_CREDENTIALS = 2;

    @Override
    public void registerInto(Map<String, Decoder> d) {
        d.put("socket", (c, o) -> {
            int family = c.intArg(0);
            o.xval("socket_family", c.arg(0) & 0xffffffffL, "AF_???").comma();
            socketType(o, c.arg(1));
            o.comma();
            if (family == AF_INET || family == AF_INET6) {
                o.xval("inet_protocol", c.arg(2) & 0xffffffffL, "IPPROTO_???");
            } else if (family == AF_NETLINK) {
                o.xval("netlink_protocol", c.arg(2) & 0xffffffffL, "NETLINK_???");
            } else {
                o.unsigned(c.arg(2));
            }
            o.result(ResultFormat.FD);
        });
        d.put("socketpair", (c, o) -> {
            o.xval("socket_family", c.arg(0) & 0xffffffffL, "AF_???").comma();
            socketType(o, c.arg(1));
            o.comma().unsigned(c.arg(2)).comma().entryEnds();
            DescDecoders.fdPair(o, c, c.arg(3));
        });
        d.put("connect", NetworkDecoders::connect);
        d.put("bind", NetworkDecoders::connect);
        d.put("listen", (c, o) -> o.fd(c.arg(0)).comma().decimalInt(c.arg(1)));
        d.put("shutdown", (c, o) -> o.fd(c.arg(0)).comma().xval("shutdown_how", c.arg(1), "SHUT_???"));
        d.put("accept", (c, o) -> sockname(o, c).result(ResultFormat.FD));
        d.put("accept4", (c, o) -> sockname(o, c).comma().flags("socket", c.arg(3), "SOCK_???")
                .result(ResultFormat.FD));
        d.put("getsockname", (c, o) -> sockname(o, c));
        d.put("getpeername", (c, o) -> sockname(o, c));
        d.put("sendto", NetworkDecoders::sendto);
        d.put("recvfrom", NetworkDecoders::recvfrom);
        d.put("sendmsg", (c, o) -> {
            o.fd(c.arg(0)).comma();
            msghdr(o, c, c.arg(1), Capture.Phase.ENTRY, -1);
            o.comma().flags("msg", c.arg(2), "MSG_???");
        });
        d.put("recvmsg", (c, o) -> {
            o.fd(c.arg(0)).comma().entryEnds();
            if (c.succeeded()) {
                msghdr(o, c, c.arg(1), Capture.Phase.EXIT, c.result());
            } else {
                o.pointer(c.arg(1));
            }
            o.comma().flags("msg", c.arg(2), "MSG_???");
        });
        d.put("sendmmsg", (c, o) -> o.fd(c.arg(0)).comma().pointer(c.arg(1)).comma().unsignedInt(c.arg(2)).comma()
                .flags("msg", c.arg(3), "MSG_???"));
        d.put("recvmmsg", (c, o) -> {
            o.fd(c.arg(0)).comma().entryEnds().pointer(c.arg(1)).comma().unsignedInt(c.arg(2)).comma()
                    .flags("msg", c.arg(3), "MSG_???").comma();
            TimePrinter.timespec(o, c.arg(4), Capture.Phase.ENTRY);
        });
        d.put("setsockopt", NetworkDecoders::setsockopt);
        d.put("getsockopt", NetworkDecoders::getsockopt);
    }

    /** SOCK_STREAM|SOCK_CLOEXEC: the type by name, then its flags. */
    private static void socketType(ArgPrinter o, long value) {
        long type = value & SOCK_TYPE_MASK;
        String name = XlatTables.get("socket_type").lookup(type);
        long flags = value & 0xffffffffL;
        if (name != null) {
            o.text(name);
            flags &= ~SOCK_TYPE_MASK;
            if (flags == 0) {
                return;
            }
            o.text("|");
        }
        o.flags("socket", flags, "SOCK_???");
    }

    private static void connect(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma();
        SockaddrPrinter.print(o, c.arg(1), c.intArg(2), Capture.Phase.ENTRY);
        o.comma().unsignedInt(c.arg(2));
    }

    /** accept, getsockname, getpeername: the address and its length, both written at exit. */
    private static ArgPrinter sockname(ArgPrinter o, Call c) {
        o.fd(c.arg(0)).comma();
        long address = c.arg(1);
        long lengthPointer = c.arg(2);
        if (address == 0 || lengthPointer == 0) {
            return o.pointer(address).comma().pointer(lengthPointer);
        }
        o.entryEnds();
        Capture length = c.succeeded() ? c.atExit(lengthPointer) : null;
        if (length == null || length.bytes().length() < 4) {
            return o.pointer(address).comma().pointer(lengthPointer);
        }
        int returned = new Bytes(length.bytes()).s32(0);
        SockaddrPrinter.print(o, address, returned, Capture.Phase.EXIT);
        return o.comma().text("[").decimal(returned).text("]");
    }

    private static void sendto(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma().buffer(c.arg(1), c.arg(2), Capture.Phase.ENTRY).comma().unsigned(c.arg(2)).comma()
                .flags("msg", c.arg(3), "MSG_???").comma();
        SockaddrPrinter.print(o, c.arg(4), c.intArg(5), Capture.Phase.ENTRY);
        o.comma().decimalInt(c.arg(5));
    }

    private static void recvfrom(Call c, ArgPrinter o) {
        o.fd(c.arg(0)).comma().entryEnds();
        if (c.succeeded()) {
            o.buffer(c.arg(1), Math.min(c.result(), c.arg(2)), Capture.Phase.EXIT);
        } else {
            o.pointer(c.arg(1));
        }
        o.comma().unsigned(c.arg(2)).comma().flags("msg", c.arg(3), "MSG_???").comma();
        long address = c.arg(4);
        long lengthPointer = c.arg(5);
        Capture length = c.succeeded() && address != 0 ? c.atExit(lengthPointer) : null;
        if (length == null || length.bytes().length() < 4) {
            o.pointer(address).comma().pointer(lengthPointer);
            return;
        }
        int returned = new Bytes(length.bytes()).s32(0);
        SockaddrPrinter.print(o, address, returned, Capture.Phase.EXIT);
        o.comma().text("[").decimal(returned).text("]");
    }

    /** struct msghdr with its name, iovecs (at most {@code total} bytes) and control messages. */
    private static void msghdr(ArgPrinter o, Call c, long address, Capture.Phase phase, long total) {
        Bytes msg = o.struct(address, phase, MSGHDR_SIZE);
        if (msg == null) {
            return;
        }
        long name = msg.s64(0);
        int nameLength = msg.s32(8);
        long iov = msg.s64(16);
        long iovLength = msg.s64(24);
        long control = msg.s64(32);
        long controlLength = msg.s64(40);
        int flags = msg.s32(48);
        o.text("{msg_name=");
        SockaddrPrinter.print(o, name, nameLength, phase);
        o.text(", msg_namelen=").decimal(nameLength).text(", msg_iov=");
        IovecPrinter.print(o, iov, iovLength, total, phase, true);
        o.text(", msg_iovlen=").unsigned(iovLength);
        if (controlLength != 0) {
            o.text(", msg_control=");
            control(o, c, control, controlLength, phase);
        }
        o.text(", msg_controllen=").unsigned(controlLength).text(", msg_flags=")
                .flags("msg", flags & 0xffffffffL, "MSG_???").text("}");
    }

    private static void control(ArgPrinter o, Call c, long address, long length, Capture.Phase phase) {
        Capture capture = c.find(phase, address);
        if (capture == null || capture.bytes().length() < CMSGHDR_SIZE) {
            o.pointer(address);
            return;
        }
        Bytes buffer = new Bytes(capture.bytes());
        int left = (int) Math.min(length, buffer.length());
        int at = 0;
        o.text("[");
        while (left >= CMSGHDR_SIZE) {
            long cmsgLength = buffer.s64(at);
            int level = buffer.s32(at + 8);
            int type = buffer.s32(at + 12);
            if (at > 0) {
                o.comma();
            }
            o.text("{cmsg_len=").unsigned(cmsgLength).text(", cmsg_level=").xval("sockopt_level", level & 0xffffffffL,
                    "SOL_???").text(", cmsg_type=");
            int dataLength = (int) Math.max(0, Math.min(cmsgLength, left) - CMSGHDR_SIZE);
            if (level == SOL_SOCKET) {
                o.xval("scm_type", type & 0xffffffffL, "SCM_???");
                if (type == SCM_RIGHTS && dataLength >= 4) {
                    o.text(", cmsg_data=[");
                    for (int i = 0; i + 4 <= dataLength; i += 4) {
                        o.text(i > 0 ? ", " : "").fd(buffer.s32(at + CMSGHDR_SIZE + i));
                    }
                    o.text("]");
                } else if (type == SCM_CREDENTIALS && dataLength >= 12) {
                    o.text(", cmsg_data={pid=").decimal(buffer.s32(at + 16)).text(", uid=").id(buffer.s32(at + 20))
                            .text(", gid=").id(buffer.s32(at + 24)).text("}");
                }
            } else {
                o.hex(type & 0xffffffffL);
            }
            o.text("}");
            if (Math.min(cmsgLength, left) < CMSGHDR_SIZE) {
                left -= CMSGHDR_SIZE;
                break;
            }
            long aligned = cmsgLength + 7 & ~7L;
            if (aligned >= left) {
                left = 0;
                break;
            }
            at += (int) aligned;
            left -= (int) aligned;
        }
        if (left > 0) {
            o.text(", ...").comment(Numbers.hex(address + at));
        }
        o.text("]");
    }

    private static void levelAndName(ArgPrinter o, Call c) {
        int level = c.intArg(1);
        long name = c.arg(2) & 0xffffffffL;
        o.fd(c.arg(0)).comma().xval("sockopt_level", level & 0xffffffffL, "SOL_??").comma();
        switch (level) {
            case SOL_SOCKET -> o.xval("sockopt_socket", name, "SO_???");
            case SOL_IP -> o.xval("sockopt_ip", name, "IP_???");
            case SOL_IPV6 -> o.xval("sockopt_ipv6", name, "IPV6_???");
            case SOL_TCP -> o.xval("sockopt_tcp", name, "TCP_???");
            case SOL_UDP -> o.xval("sockopt_udp", name, "UDP_???");
            default -> o.unsigned(name);
        }
        o.comma();
    }

    private static void setsockopt(Call c, ArgPrinter o) {
        levelAndName(o, c);
        int length = c.intArg(4);
        Bytes value = length == 4 ? o.struct(c.arg(3), Capture.Phase.ENTRY, 4) : null;
        if (value != null) {
            o.text("[").decimal(value.s32(0)).text("]");
        } else if (length != 4) {
            o.buffer(c.arg(3), Math.max(length, 0), Capture.Phase.ENTRY);
        }
        o.comma().decimalInt(c.arg(4));
    }

    private static void getsockopt(Call c, ArgPrinter o) {
        levelAndName(o, c);
        o.entryEnds();
        Capture lengthCapture = c.succeeded() ? c.atExit(c.arg(4)) : null;
        if (lengthCapture == null || lengthCapture.bytes().length() < 4) {
            o.pointer(c.arg(3)).comma().pointer(c.arg(4));
            return;
        }
        int length = new Bytes(lengthCapture.bytes()).s32(0);
        Capture value = length > 0 ? c.atExit(c.arg(3)) : null;
        if (value == null) {
            o.pointer(c.arg(3));
        } else if (length >= 4 && value.bytes().length() >= 4) {
            int number = new Bytes(value.bytes()).s32(0);
            o.text("[");
            if (c.intArg(1) == SOL_SOCKET && c.intArg(2) == SO_ERROR && number > 0) {
                o.text(dev.tracekit.syscalls.Errno.name(number));
            } else {
                o.decimal(number);
            }
            o.text("]");
        } else {
            byte[] bytes = value.bytes().toByteArray();
            QuotedString.appendHex(o.builder(), bytes, Math.min(bytes.length, length));
        }
        o.comma().text("[").decimal(length).text("]");
    }
}
