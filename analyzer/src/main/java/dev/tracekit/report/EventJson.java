package dev.tracekit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.tracekit.trace.event.ByteString;
import dev.tracekit.trace.event.TraceEvent;
import dev.tracekit.trace.event.TraceHeader;

/** JSON Lines: one object per event with its type and fields as the log holds them; bytes as hex. */
public final class EventJson {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(ByteString.class, ToStringSerializer.instance));

    public String header(TraceHeader header, int minorVersion) throws JsonProcessingException {
        ObjectNode node = mapper.valueToTree(header);
        node.put("format", "1." + minorVersion);
        return mapper.writeValueAsString(mapper.createObjectNode().put("type", "Header").setAll(node));
    }

    public String format(TraceEvent event) throws JsonProcessingException {
        ObjectNode node = mapper.createObjectNode().put("type", event.getClass().getSimpleName());
        node.setAll((ObjectNode) mapper.valueToTree(event));
        return mapper.writeValueAsString(node);
    }
}
