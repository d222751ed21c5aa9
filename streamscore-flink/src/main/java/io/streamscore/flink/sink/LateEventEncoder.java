package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.streamscore.event.Event;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.flink.ingest.LateEvent;
import java.io.IOException;

/**
 * Encodes late events for the late topic as JSON, whatever the source format, so they can be inspected and
 * replayed: <pre>{"event_id", "key", "source", "event_time", "watermark", "lateness_ms", "allowed_lateness_ms",
 * "output_time", "event": {the event's fields}}</pre>
 *
 * <p>The one output whose size the data decides: a string of control characters within {@code max_record_bytes} of
 * Avro grows six-fold as JSON escapes. A late record over the producer's limit goes to the dead-letter topic as
 * {@code output_too_large} (see {@link OutputSizeLimit}).
 */
public final class LateEventEncoder extends JsonOutputEncoder<LateEvent> {
    private final JsonEventCodec eventJson;

    public LateEventEncoder(String topic, JsonEventCodec eventJson, OutputLimitSource limits) {
        super(topic, limits);
        this.eventJson = eventJson;
    }

    @Override
    protected String key(LateEvent late) {
        return late.event.key;
    }

    @Override
    protected String source(LateEvent late) {
        return late.event.source;
    }

    @Override
    protected void writeFields(LateEvent late, long outputTime, JsonGenerator json) throws IOException {
        Event event = late.event;
        json.writeStringField("event_id", event.eventId);
        json.writeStringField("key", event.key);
        json.writeStringField("source", event.source);
        json.writeNumberField("event_time", event.eventTime);
        json.writeNumberField("watermark", late.watermark);
        json.writeNumberField("lateness_ms", late.latenessMs);
        json.writeNumberField("allowed_lateness_ms", late.allowedLatenessMs);
        json.writeNumberField("output_time", outputTime);
        json.writeFieldName("event");
        json.writeStartObject();
        eventJson.writeFields(event, json);
        json.writeEndObject();
    }
}
