package io.streamscore.generate;

import io.streamscore.event.AvroEventCodec;
import io.streamscore.event.EventCodec;
import io.streamscore.event.EventSchema;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.event.SourceBinding;
import io.streamscore.spec.Format;

/**
 * The streams the {@link EventGenerator} feeds, each with the built-in schema its records follow and the topic the
 * CLI writes them to unless told otherwise.
 */
public enum GeneratedStream {
    TRANSACTIONS("transaction", "transactions", "event_id", "user_id", "event_time"),
    CLICKS("click", "clicks", "event_id", "user_id", "event_time"),
    LABELS("label", "labels", "event_id", "event_id", "label_time"),
    /**
     * The id and key fields are only what encoding needs: a delete has no {@code after} row, so a source that
     * reads this stream must key it by {@code before.user_id} for deletes (or by the record key).
     */
    PROFILES("user_profile_change", "user-profiles", "after.user_id", "after.user_id", "ts_ms");

    private final String schemaName;
    private final String defaultTopic;
    private final String idField;
    private final String keyField;
    private final String eventTimeField;

    GeneratedStream(String schemaName, String defaultTopic, String idField, String keyField, String eventTimeField) {
        this.schemaName = schemaName;
        this.defaultTopic = defaultTopic;
        this.idField = idField;
        this.keyField = keyField;
        this.eventTimeField = eventTimeField;
    }

    /** The built-in schema of this stream's records. */
    public EventSchema schema() {
        return EventSchema.builtIn(schemaName);
    }

    /** The codec that writes this stream's records in a format: the same codec a source of the stream reads with. */
    EventCodec codec(Format format) {
        EventSchema schema = schema();
        SourceBinding binding = new SourceBinding(defaultTopic, idField, keyField, eventTimeField,
                SourceBinding.DEFAULT_MAX_RECORD_BYTES);
        return switch (format) {
            case JSON, DEBEZIUM_JSON -> new JsonEventCodec(schema, binding);
            case AVRO -> new AvroEventCodec(schema, binding);
        };
    }

    /** Name of the built-in {@link io.streamscore.event.EventSchema} of this stream's records. */
    public String schemaName() {
        return schemaName;
    }

    public String defaultTopic() {
        return defaultTopic;
    }
}
