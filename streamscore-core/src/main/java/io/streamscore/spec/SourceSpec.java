package io.streamscore.spec;

import io.streamscore.event.AvroEventCodec;
import io.streamscore.event.DebeziumEnvelopeCodec;
import io.streamscore.event.EventCodec;
import io.streamscore.event.EventSchema;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.event.SourceBinding;
import java.time.Duration;
import java.util.Objects;

/**
 * One input topic: its schema and format, which fields are the event's id, key and event time, and how much
 * disorder the pipeline tolerates. Events up to {@code maxOutOfOrderness} behind the newest one seen do not even
 * delay the watermark's correctness; events later than the watermark by up to {@code allowedLateness} are still
 * processed; anything later goes to the late topic. A partition with no data for {@code idleness} stops holding
 * the watermark back.
 */
public record SourceSpec(
        String name,
        String topic,
        EventSchema schema,
        Format format,
        String idField,
        String keyField,
        String eventTimeField,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        int maxRecordBytes) {

    public static final String DEFAULT_ID_FIELD = "event_id";
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;

    public SourceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
        Objects.requireNonNull(idleness, "idleness");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        schema.require(idField);
        schema.require(keyField);
        schema.require(eventTimeField);
    }

    public SourceBinding binding() {
        return new SourceBinding(name, idField, keyField, eventTimeField, maxRecordBytes);
    }

    /** A new codec for this source's format, schema and binding (codecs keep per-thread buffers: one per subtask). */
    public EventCodec codec() {
        return switch (format) {
            case JSON -> new JsonEventCodec(schema, binding());
            case AVRO -> new AvroEventCodec(schema, binding());
            case DEBEZIUM_JSON -> new DebeziumEnvelopeCodec(schema, binding());
        };
    }
}
