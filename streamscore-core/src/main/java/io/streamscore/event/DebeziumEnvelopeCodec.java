package io.streamscore.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes change events in Debezium's JSON envelope: {@code {"before": row, "after": row, "op": "c|u|d|r",
 * "ts_ms": ..., "source": {"ts_ms": ...}}}, also when wrapped with its schema as {@code {"schema": ...,
 * "payload": envelope}} (the JSON converter's {@code schemas.enable=true}).
 *
 * <p>The source's schema describes the envelope (see the built-in {@code user_profile_change}): nullable
 * {@code before} and {@code after} records of the row, {@code op}, and the event-time field ({@code ts_ms}). The key
 * field is a column of {@code after} ({@code after.user_id}); a delete has no {@code after}, so its key is read from
 * the same column of {@code before}. Rows are decoded as strictly as {@link JsonEventCodec} decodes any record;
 * Debezium's own metadata at the top ({@code source}, {@code transaction}, {@code ts_us}, ...) is skipped.
 *
 * <p><b>Event time</b> is {@code source.ts_ms} when the envelope has it: when the change was committed in the
 * database, which is when the new row version became valid. Without it, the source's {@code event_time} field
 * ({@code ts_ms}, when the connector saw the change). <b>A delete</b> decodes with {@code before} and
 * {@code after} both missing: only its key, time and {@code op} matter to a versioned table. <b>The event id</b> is
 * {@code <key>@<event time>/<op>}.
 *
 * <p>Rejected with {@link DeadLetterReason#INVALID_ENVELOPE}: an {@code op} that is missing or not one of c, u, d,
 * r (truncates and messages have no row), a create/update/read without an {@code after} object, a delete without a
 * {@code before} object, a {@code payload} that is not an object, a {@code source.ts_ms} that is not an integer.
 * Other problems get the reasons {@link JsonEventCodec} gives.
 */
public final class DebeziumEnvelopeCodec implements EventCodec {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonEventCodec.FACTORY);
    private static final Set<String> OPERATIONS = Set.of("c", "u", "d", "r");
    public static final String AFTER = "after.";
    public static final String BEFORE = "before.";

    private final EventSchema schema;
    private final SourceBinding binding;
    private final String keyColumn;
    private final JsonEventCodec envelope;
    /** Rebuilt after deserialization: codecs travel to Flink's task managers, EventAssembler is not Serializable. */
    private transient EventAssembler sizeCheck;

    /**
     * @throws IllegalArgumentException if the schema is not an envelope ({@code op}, nullable {@code before} and
     *     {@code after} rows) or the key field is not a column of {@code after} that {@code before} also has
     */
    public DebeziumEnvelopeCodec(EventSchema schema, SourceBinding binding) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.binding = Objects.requireNonNull(binding, "binding");
        String problem = envelopeProblem(schema, binding.keyField());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.keyColumn = binding.keyField().substring(AFTER.length());
        this.sizeCheck = new EventAssembler(schema, binding);
        // The envelope's own key and id are `op`, always present; the real ones are set after decoding.
        this.envelope = new JsonEventCodec(schema, new SourceBinding(binding.source(), "op", "op",
                binding.eventTimeField(), binding.maxRecordBytes()));
    }

    /** Why {@code schema} cannot be read as a Debezium envelope keyed by {@code keyField}; null when it can. */
    public static String envelopeProblem(EventSchema schema, String keyField) {
        if (schema.field("op").filter(f -> f.type() == FieldType.STRING).isEmpty()) {
            return "schema '" + schema.name() + "' has no text field `op`, so it is not a Debezium envelope";
        }
        if (keyField == null || !keyField.startsWith(AFTER)) {
            return "the key of a debezium_json source must be a column of the `after` row, e.g. `after.user_id`, "
                    + "was '" + keyField + "'";
        }
        String column = keyField.substring(AFTER.length());
        for (String side : new String[] {AFTER, BEFORE}) {
            EventField field = schema.field(side + column).orElse(null);
            if (field == null || !field.nullable()) {
                return "schema '" + schema.name() + "' needs a nullable `" + side.substring(0, side.length() - 1)
                        + "` row with column `" + column + "` (deletes have no `after`, creates no `before`)";
            }
        }
        return null;
    }

    @Override
    public Event decode(byte[] bytes, long ingestTime) throws MalformedRecordException {
        if (sizeCheck == null) {
            sizeCheck = new EventAssembler(schema, binding);
        }
        sizeCheck.checkSize(bytes);
        JsonNode root = parse(bytes);
        if (root.has("payload") && root.has("schema")) {
            root = root.get("payload");
            if (!root.isObject()) {
                throw invalid("`payload` is not an object but " + root.getNodeType());
            }
        }
        String op = root.path("op").isTextual() ? root.get("op").asText() : null;
        if (op == null || !OPERATIONS.contains(op)) {
            throw invalid(op == null ? "`op` is missing or not text" : "`op` '" + op + "' is not c, u, d or r");
        }
        boolean delete = op.equals("d");
        String rowName = delete ? "before" : "after";
        JsonNode row = root.path(rowName);
        if (!row.isObject()) {
            throw invalid("op '" + op + "' needs a `" + rowName + "` row, found " + row.getNodeType());
        }
        Event event = envelope.decode(normalized((ObjectNode) root, delete), ingestTime);
        event.key = keyOf(row);
        event.eventTime = commitTime(root, event.eventTime);
        event.eventId = event.key + "@" + event.eventTime + "/" + op;
        return event;
    }

    private static JsonNode parse(byte[] bytes) throws MalformedRecordException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_JSON,
                    "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_JSON, "invalid JSON: " + e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_JSON, "the record holds no JSON value");
        }
        if (!root.isObject()) {
            throw new MalformedRecordException(DeadLetterReason.NOT_AN_OBJECT,
                    "the record is " + root.getNodeType() + ", not a Debezium change event object");
        }
        return root;
    }

    /** The envelope's fields the schema defines (Debezium metadata dropped); a delete keeps no rows. */
    private byte[] normalized(ObjectNode root, boolean delete) throws MalformedRecordException {
        ObjectNode kept = MAPPER.createObjectNode();
        root.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            boolean topLevelField = schema.fields().stream().anyMatch(f -> f.name().equals(name)
                    || f.name().startsWith(name + "."));
            if (topLevelField) {
                kept.set(name, entry.getValue());
            }
        });
        if (delete) {
            kept.putNull("before");
            kept.putNull("after");
        }
        try {
            return MAPPER.writeValueAsBytes(kept);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_JSON, "cannot re-encode the envelope: " + e);
        }
    }

    private String keyOf(JsonNode row) throws MalformedRecordException {
        JsonNode key = row.path(keyColumn);
        if (!(key.isTextual() || key.isIntegralNumber()) || key.asText().isEmpty()) {
            throw new MalformedRecordException(DeadLetterReason.MISSING_KEY,
                    "key column '" + keyColumn + "' of the row is missing, empty or not text or an integer");
        }
        return key.asText();
    }

    private static long commitTime(JsonNode root, long fallback) throws MalformedRecordException {
        JsonNode sourceTime = root.path("source").path("ts_ms");
        if (sourceTime.isMissingNode() || sourceTime.isNull()) {
            return fallback;
        }
        if (!sourceTime.isIntegralNumber()) {
            throw invalid("`source.ts_ms` is not an integer");
        }
        long time = sourceTime.asLong();
        if (time < SourceBinding.MIN_EVENT_TIME || time > SourceBinding.MAX_EVENT_TIME) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_EVENT_TIME, "`source.ts_ms` is " + time
                    + ", outside epoch milliseconds from 2000 to 2100");
        }
        return time;
    }

    private static MalformedRecordException invalid(String detail) {
        return new MalformedRecordException(DeadLetterReason.INVALID_ENVELOPE, detail);
    }

    /** The canonical envelope (no Debezium metadata), as {@link JsonEventCodec} writes the schema's fields. */
    @Override
    public byte[] encode(Event event) {
        return envelope.encode(event);
    }

    public EventSchema schema() {
        return schema;
    }

    public SourceBinding binding() {
        return binding;
    }
}
