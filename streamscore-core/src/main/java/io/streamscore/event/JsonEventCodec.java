package io.streamscore.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Decodes and encodes events as JSON objects (UTF-8) of the source's {@link EventSchema}.
 *
 * <p><b>Accepted.</b> One JSON object whose members are fields of the schema, in any order. A nested record
 * ({@code after.country} in the schema) is a nested object ({@code "after": {"country": "FR"}}); an optional
 * nested record may be {@code null} or absent, and then all its fields are missing. Optional fields may be
 * {@code null} or absent. Values by field type:
 * <ul>
 *   <li>string: a JSON string; for an Avro enum, one of its symbols;</li>
 *   <li>double: any JSON number (integer or not) that is finite; for an Avro {@code float}, within float range;</li>
 *   <li>long: an integer literal (no fraction, no exponent) within ±2^53, the range a double slot holds exactly;
 *       for an Avro {@code int}, within 32 bits;</li>
 *   <li>boolean: {@code true} or {@code false}.</li>
 * </ul>
 * Whitespace around the object is allowed; nothing else may follow it.
 *
 * <p><b>Rejected</b>, each with the {@link DeadLetterReason} below and a detail naming the field:
 * no bytes ({@code EMPTY_RECORD}); more than the source's {@code max_record_bytes}, checked before parsing
 * ({@code RECORD_TOO_LARGE}); malformed JSON, only whitespace, content after the object, or a field given
 * twice ({@code INVALID_JSON}); a top-level value that is not an object ({@code NOT_AN_OBJECT}); a field the schema
 * does not define, at any depth ({@code UNKNOWN_FIELD}); a required field absent or {@code null}
 * ({@code MISSING_FIELD}); a value of the wrong JSON type or out of the field's range, such as a string for a number, a
 * fraction or a string for a long, a number for a string, an object for a scalar, or an unknown enum symbol
 * ({@code WRONG_TYPE}); the tokens {@code NaN} and {@code Infinity}, or a literal too large for a double
 * ({@code NON_FINITE_NUMBER}); then, once all values are read, a missing or empty key ({@code MISSING_KEY}) and a
 * missing event time or one outside 2000..2100 in epoch milliseconds ({@code INVALID_EVENT_TIME}).
 *
 * <p><b>Encoded</b> as the canonical object: fields in schema order, nested records as nested objects, an optional
 * nested record whose fields are all missing as {@code null}, other missing optional values as {@code null},
 * longs as integers, booleans as {@code true}/{@code false}. Encoding an event that decoding would reject (a missing
 * required value, a non-finite double) is a programmer error: {@link IllegalArgumentException}.
 *
 * <p>Decoding is a single streaming pass (Jackson's {@code JsonParser}, no tree, no per-record maps). One instance
 * serves one thread at a time; its parsing state is transient and rebuilt after deserialization.
 */
public final class JsonEventCodec implements EventCodec {
    private static final long serialVersionUID = 1L;

    /** Shared and thread-safe; it also shares Jackson's field-name symbol table across codecs. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so NaN/Infinity get their own reason
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private final EventSchema schema;
    private final SourceBinding binding;
    private transient RecordNode root;
    private transient EventAssembler assembler;
    private transient JsonEventReader reader;
    private transient ByteArrayBuilder buffer;

    /**
     * @throws IllegalArgumentException if the binding's id, key or event-time field is not a usable field of the
     *     schema (see {@link SourceBinding})
     */
    public JsonEventCodec(EventSchema schema, SourceBinding binding) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.binding = Objects.requireNonNull(binding, "binding");
        init();
    }

    private void init() {
        if (root == null) {
            root = RecordNode.rootOf(schema);
            assembler = new EventAssembler(schema, binding);
            reader = new JsonEventReader(schema.name(), root);
            buffer = new ByteArrayBuilder(256);
        }
    }

    @Override
    public Event decode(byte[] bytes, long ingestTime) throws MalformedRecordException {
        init();
        assembler.checkSize(bytes);
        double[] numbers = schema.newNumbers();
        String[] strings = schema.newStrings();
        reader.read(bytes, numbers, strings);
        return assembler.assemble(numbers, strings, ingestTime);
    }

    @Override
    public byte[] encode(Event event) {
        init();
        buffer.reset();
        try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
            out.writeStartObject();
            writeFields(event, out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return buffer.toByteArray();
    }

    /**
     * Writes the event's fields, as {@link #encode} does, into an object the caller has opened (and will close), so
     * that an event can be embedded in a larger JSON document.
     *
     * @throws IllegalArgumentException if the event is not of this codec's schema or has a value decoding would
     *     reject
     * @throws IOException if the generator's target fails
     */
    public void writeFields(Event event, JsonGenerator out) throws IOException {
        init();
        assembler.checkEncodable(event);
        writeRecord(root, event, out);
    }

    private static void writeRecord(RecordNode record, Event event, JsonGenerator out) throws IOException {
        for (FieldNode field : record.fields) {
            out.writeFieldName(field.name);
            if (!field.isRecord()) {
                writeValue(field.encodedValue(event), out);
            } else if (field.nullable && field.record.isAbsentIn(event)) {
                out.writeNull();
            } else {
                out.writeStartObject();
                writeRecord(field.record, event, out);
                out.writeEndObject();
            }
        }
    }

    private static void writeValue(Object value, JsonGenerator out) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Double number) {
            out.writeNumber(number.doubleValue());
        } else if (value instanceof Float number) {
            out.writeNumber(number.floatValue());
        } else if (value instanceof Long number) {
            out.writeNumber(number.longValue());
        } else if (value instanceof Integer number) {
            out.writeNumber(number.intValue());
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else {
            out.writeString(value.toString()); // a String or an enum symbol
        }
    }

    public EventSchema schema() {
        return schema;
    }

    public SourceBinding binding() {
        return binding;
    }
}
