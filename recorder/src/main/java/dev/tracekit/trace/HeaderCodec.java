package dev.tracekit.trace;

import dev.tracekit.trace.event.TraceHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The header body: fields in a fixed order; a newer minor version may append more. */
final class HeaderCodec {
    private HeaderCodec() {
    }

    static void encode(TraceHeader header, ByteSink out) {
        out.writeString(header.arch());
        out.writeString(header.kernelRelease());
        out.writeString(header.hostname());
        out.writeSignedVarLong(header.monotonicAnchor());
        out.writeSignedVarLong(header.wallAnchor());
        out.writeString(header.recorderVersion());
        out.writeVarInt(header.commandLine().size());
        for (String arg : header.commandLine()) {
            out.writeString(arg);
        }
        out.writeVarInt(header.options().size());
        for (Map.Entry<String, String> option : header.options().entrySet()) {
            out.writeString(option.getKey());
            out.writeString(option.getValue());
        }
    }

    static TraceHeader decode(ByteSource in) {
        String arch = in.readString();
        String kernel = in.readString();
        String host = in.readString();
        long monotonicAnchor = in.readSignedVarLong();
        long wallAnchor = in.readSignedVarLong();
        String version = in.readString();
        int argc = in.readCount();
        List<String> commandLine = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            commandLine.add(in.readString());
        }
        int optionCount = in.readCount();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < optionCount; i++) {
            options.put(in.readString(), in.readString());
        }
        return new TraceHeader(arch, kernel, host, monotonicAnchor, wallAnchor, version, commandLine, options);
    }
}
