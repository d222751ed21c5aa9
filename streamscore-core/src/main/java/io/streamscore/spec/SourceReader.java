package io.streamscore.spec;

import io.streamscore.event.DebeziumEnvelopeCodec;
import io.streamscore.event.EventSchema;
import io.streamscore.event.FieldType;
import io.streamscore.event.SourceBinding;
import java.time.Duration;
import java.util.List;

/**
 * Reads one entry of {@code sources}: topic, schema and format, the id/key/event-time fields (checked against the
 * schema), and the disorder tolerances. The tolerances are bounded so that a unit slip ({@code 5d} for {@code 5s})
 * is caught instead of holding state for days.
 */
final class SourceReader {
    static final List<String> KEYS = List.of("topic", "schema", "format", "id_field", "key", "event_time",
            "max_out_of_orderness", "idleness", "allowed_lateness", "max_record_bytes");
    static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofDays(1);
    static final Duration MIN_IDLENESS = Duration.ofMillis(100);
    static final Duration MAX_IDLENESS = Duration.ofDays(1);
    static final Duration MAX_ALLOWED_LATENESS = Duration.ofDays(30);
    static final int MAX_RECORD_BYTES = 16 << 20;
    private static final String EPOCH_MILLIS = "timestamp-millis";

    private final SourceSchemaResolver schemas;

    SourceReader(SourceSchemaResolver schemas) {
        this.schemas = schemas;
    }

    /** The source written at {@code source}, named by its key; {@code null} when it has a problem. */
    SourceSpec read(SpecNode source) {
        int mark = source.problems().mark();
        if (!source.expectMap("source settings (topic, schema, key, event_time, ...)")) {
            if (!source.isPresent()) {
                source.error("source `" + source.key() + "` is empty",
                        "give it at least `topic`, `schema`, `key` and `event_time`");
            }
            return null;
        }
        source.rejectUnknownKeys(KEYS);
        String topic = KafkaTopicRule.readRequired(source.get("topic"), source.key());
        EventSchema schema = schemas.resolve(source.get("schema"));
        int formatMark = source.problems().mark();
        Format format = source.get("format").choice(Format.class, Format.JSON);
        // An unknown format is reported once; the checks that depend on the format are then left out.
        format = source.problems().noneSince(formatMark) ? format : null;
        String keyField = readField(source.get("key"), null, SchemaFieldRule.KEY, schema);
        boolean changeEvents = format == Format.DEBEZIUM_JSON;
        // A change event has no id of its own: the codec makes one of key, time and op.
        boolean defaultId = !source.get("id_field").isPresent();
        String idField = changeEvents && defaultId ? keyField
                : format == null && defaultId ? null
                : readField(source.get("id_field"), SourceSpec.DEFAULT_ID_FIELD, SchemaFieldRule.ID, schema);
        if (changeEvents && schema != null && keyField != null && source.problems().noneSince(mark)) {
            checkEnvelope(source.get("key"), schema, keyField);
        }
        String eventTimeField = readField(source.get("event_time"), null, SchemaFieldRule.EVENT_TIME, schema);
        checkEventTimeUnit(source.get("event_time"), schema, eventTimeField);
        Duration maxOutOfOrderness = source.get("max_out_of_orderness").duration(
                SourceSpec.DEFAULT_MAX_OUT_OF_ORDERNESS, Duration.ZERO, MAX_OUT_OF_ORDERNESS, "");
        Duration idleness = source.get("idleness").duration(SourceSpec.DEFAULT_IDLENESS, MIN_IDLENESS, MAX_IDLENESS,
                "");
        Duration allowedLateness = source.get("allowed_lateness").duration(SourceSpec.DEFAULT_ALLOWED_LATENESS,
                Duration.ZERO, MAX_ALLOWED_LATENESS, "late events are kept in state that long");
        int maxRecordBytes = source.get("max_record_bytes").integer(SourceBinding.DEFAULT_MAX_RECORD_BYTES, 1,
                MAX_RECORD_BYTES);
        if (!source.problems().noneSince(mark)) {
            return null;
        }
        return new SourceSpec(source.key(), topic, schema, format, idField, keyField, eventTimeField,
                maxOutOfOrderness, idleness, allowedLateness, maxRecordBytes);
    }

    private static void checkEnvelope(SpecNode key, EventSchema schema, String keyField) {
        String problem = DebeziumEnvelopeCodec.envelopeProblem(schema, keyField);
        if (problem != null) {
            key.error(problem, "for format debezium_json use an envelope schema such as `user_profile_change` and "
                    + "key it by a column of the row, e.g. `key: after.user_id` "
                    + "(deletes are keyed by `before.user_id`)");
        }
    }

    /**
     * The event time is read as epoch milliseconds, so a field whose Avro logical type says otherwise (micro- or
     * nanoseconds, a local date-time that is not an instant, a date or a time of day) would put every event at the
     * wrong time: refused, naming the type.
     */
    private static void checkEventTimeUnit(SpecNode node, EventSchema schema, String field) {
        boolean isLong = schema != null && field != null
                && schema.field(field).filter(f -> f.type() == FieldType.LONG).isPresent();
        String logicalType = isLong ? schema.logicalType(field).orElse(null) : null;
        if (logicalType != null && !logicalType.equals(EPOCH_MILLIS)) {
            node.error("field '" + field + "' has logicalType " + logicalType + ", but the event time must be "
                    + "epoch milliseconds", "use a long field of epoch milliseconds (no logicalType, or "
                    + "`\"logicalType\": \"" + EPOCH_MILLIS + "\"`), e.g. by converting the field in the producer");
        }
    }

    /** A field name, required when {@code defaultValue} is null, checked against the schema when there is one. */
    private static String readField(SpecNode node, String defaultValue, SchemaFieldRule rule, EventSchema schema) {
        String field = defaultValue != null ? node.text(defaultValue)
                : node.requiredText("add `" + node.key() + ": <field>`, the field holding " + rule.role());
        rule.check(node, field, schema);
        return field;
    }
}
