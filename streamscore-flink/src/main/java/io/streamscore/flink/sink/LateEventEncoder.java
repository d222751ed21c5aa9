package io.streamscore.flink.sink;

import io.streamscore.event.Event;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.flink.ingest.LateEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Encodes late events for the late topic as JSON, whatever the source format, so they can be inspected and
 * replayed: <pre>{"event_id", "key", "source", "event_time", "watermark", "lateness_ms", "allowed_lateness_ms",
 * "output_time", "event": {the event's fields}}</pre>
 */
public final class LateEventEncoder extends RichMapFunction<LateEvent, OutputRecord> {
    private final String topic;
    private final JsonEventCodec eventJson;
    private transient JsonRecordWriter writer;

    public LateEventEncoder(String topic, JsonEventCodec eventJson) {
        this.topic = topic;
        this.eventJson = eventJson;
    }

    @Override
    public void open(OpenContext openContext) {
        writer = new JsonRecordWriter();
    }

    @Override
    public OutputRecord map(LateEvent late) {
        Event event = late.event;
        long now = System.currentTimeMillis();
        byte[] value = writer.write(json -> {
            json.writeStartObject();
            json.writeStringField("event_id", event.eventId);
            json.writeStringField("key", event.key);
            json.writeStringField("source", event.source);
            json.writeNumberField("event_time", event.eventTime);
            json.writeNumberField("watermark", late.watermark);
            json.writeNumberField("lateness_ms", late.latenessMs);
            json.writeNumberField("allowed_lateness_ms", late.allowedLatenessMs);
            json.writeNumberField("output_time", now);
            json.writeFieldName("event");
            json.writeStartObject();
            eventJson.writeFields(event, json);
            json.writeEndObject();
            json.writeEndObject();
        });
        return new OutputRecord(topic, event.key.getBytes(StandardCharsets.UTF_8), value, now, null);
    }
}
