package io.streamscore.event;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Decodes and encodes events in Avro's single-object encoding of the source's {@link EventSchema}: the two marker
 * bytes {@code C3 01}, the schema's 8-byte CRC-64-AVRO fingerprint (little-endian), then the binary datum.
 *
 * <p><b>Accepted.</b> Exactly one single-object encoded datum written with the schema itself (the fingerprint must
 * be the schema's own; no other writer schemas are resolved), with no bytes after it. Nested records, optional
 * ({@code ["null", T]}) fields and enums are read as the schema defines them; an optional nested record that is
 * {@code null} leaves all its fields missing.
 *
 * <p><b>Rejected</b>, each with the {@link DeadLetterReason} below and a detail naming the field where one is
 * involved: no bytes ({@code EMPTY_RECORD}); more than the source's {@code max_record_bytes}, checked before
 * decoding ({@code RECORD_TOO_LARGE}); anything Avro cannot decode: wrong marker bytes, an unknown fingerprint,
 * truncated or corrupt data, a string longer than the bytes left, bytes after the datum ({@code INVALID_AVRO}, with
 * Avro's message and the field being read); then, on the decoded values, a NaN or infinite double or float
 * ({@code NON_FINITE_NUMBER}), a long beyond ±2^53, which a double slot cannot hold exactly ({@code WRONG_TYPE}), a
 * missing or empty key ({@code MISSING_KEY}), and a missing event time or one outside 2000..2100 in epoch
 * milliseconds ({@code INVALID_EVENT_TIME}). Avro's types rule out unknown fields, missing required fields and
 * other wrong types.
 *
 * <p><b>Encoded</b> with Avro's {@code BinaryMessageEncoder}; an optional nested record whose fields are all missing
 * is written as {@code null}. Encoding an event that decoding would reject is a programmer error:
 * {@link IllegalArgumentException}.
 *
 * <p>The decoder, the decoded record, the input stream and the records used for encoding are reused from call to
 * call, so one instance serves one thread at a time; they are transient and rebuilt after deserialization.
 */
public final class AvroEventCodec implements EventCodec {
    private static final long serialVersionUID = 1L;

    private final EventSchema schema;
    private final SourceBinding binding;
    private transient RecordNode root;
    private transient EventAssembler assembler;
    private transient AvroRecordInput input;
    private transient GuardedGenericData data;
    private transient BinaryMessageDecoder<GenericRecord> decoder;
    private transient GenericRecord decoded;
    private transient BinaryMessageEncoder<GenericRecord> encoder;
    private transient ByteArrayOutputStream output;
    /** One reusable record per record of the schema tree, by {@link RecordNode#ordinal}. */
    private transient GenericData.Record[] toEncode;

    /**
     * @throws IllegalArgumentException if the binding's id, key or event-time field is not a usable field of the
     *     schema (see {@link SourceBinding})
     */
    public AvroEventCodec(EventSchema schema, SourceBinding binding) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.binding = Objects.requireNonNull(binding, "binding");
        init();
    }

    private void init() {
        if (root != null) {
            return;
        }
        root = RecordNode.rootOf(schema);
        assembler = new EventAssembler(schema, binding);
        input = new AvroRecordInput();
        data = new GuardedGenericData(input);
        decoder = new BinaryMessageDecoder<>(data, schema.avro());
        encoder = new BinaryMessageEncoder<>(GenericData.get(), schema.avro());
        output = new ByteArrayOutputStream(256);
        toEncode = new GenericData.Record[root.recordCount()];
        allocateRecords(root);
    }

    private void allocateRecords(RecordNode record) {
        toEncode[record.ordinal] = new GenericData.Record(record.avro);
        for (FieldNode field : record.fields) {
            if (field.isRecord()) {
                allocateRecords(field.record);
            }
        }
    }

    @Override
    public Event decode(byte[] bytes, long ingestTime) throws MalformedRecordException {
        init();
        assembler.checkSize(bytes);
        GenericRecord record = readDatum(bytes);
        double[] numbers = schema.newNumbers();
        String[] strings = schema.newStrings();
        toSlots(record, root, numbers, strings);
        return assembler.assemble(numbers, strings, ingestTime);
    }

    private GenericRecord readDatum(byte[] bytes) throws MalformedRecordException {
        input.reset(bytes);
        data.startRecord();
        try {
            decoded = decoder.decode(input, decoded);
        } catch (IOException | RuntimeException e) {
            // Avro reports bad bytes through checked and unchecked exceptions alike: BadHeaderException,
            // MissingSchemaException, AvroRuntimeException around an EOFException, AvroTypeException, index errors.
            decoded = null; // it may be half overwritten
            throw new MalformedRecordException(DeadLetterReason.INVALID_AVRO, describeFailure(e));
        }
        if (input.available() > 0) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_AVRO, input.available()
                    + " bytes follow the end of the record (after field '" + root.fields[root.fields.length - 1].path
                    + "')");
        }
        return decoded;
    }

    private String describeFailure(Exception e) {
        String field = data.fieldPath();
        StringBuilder detail = new StringBuilder(field.isEmpty()
                ? "invalid single-object header" : "invalid Avro data at field '" + field + "'");
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage()
                    : t instanceof EOFException ? "the record ends too early" : t.getClass().getSimpleName();
            if (detail.indexOf(message) < 0) { // Avro's wrappers often repeat their cause's message
                detail.append(": ").append(message);
            }
        }
        return detail.toString();
    }

    private static void toSlots(GenericRecord record, RecordNode node, double[] numbers, String[] strings)
            throws MalformedRecordException {
        for (FieldNode field : node.fields) {
            Object value = record.get(field.position);
            if (value == null) {
                if (!field.nullable) {
                    throw field.missing(); // the schema forbids it, but a reused record must not hide it
                }
            } else if (field.isRecord()) {
                toSlots((GenericRecord) value, field.record, numbers, strings);
            } else {
                toSlot(field, value, numbers, strings);
            }
        }
    }

    private static void toSlot(FieldNode field, Object value, double[] numbers, String[] strings)
            throws MalformedRecordException {
        int slot = field.leaf.slot();
        switch (field.avro.getType()) {
            case STRING, ENUM -> strings[slot] = value.toString();
            case DOUBLE, FLOAT -> numbers[slot] = field.acceptDouble(((Number) value).doubleValue());
            case LONG, INT -> numbers[slot] = field.acceptLong(((Number) value).longValue());
            case BOOLEAN -> numbers[slot] = (Boolean) value ? 1.0 : 0.0;
            default -> throw new IllegalStateException("field '" + field.path + "' has unsupported type " + field.avro);
        }
    }

    @Override
    public byte[] encode(Event event) {
        init();
        assembler.checkEncodable(event);
        GenericData.Record record = fromSlots(root, event);
        output.reset();
        try {
            encoder.encode(record, output);
        } catch (IOException e) {
            throw new UncheckedIOException("writing Avro to memory failed", e);
        }
        return output.toByteArray();
    }

    private GenericData.Record fromSlots(RecordNode node, Event event) {
        GenericData.Record record = toEncode[node.ordinal];
        for (FieldNode field : node.fields) {
            Object value;
            if (!field.isRecord()) {
                value = field.encodedValue(event);
            } else if (field.nullable && field.record.isAbsentIn(event)) {
                value = null;
            } else {
                value = fromSlots(field.record, event);
            }
            record.put(field.position, value);
        }
        return record;
    }

    public EventSchema schema() {
        return schema;
    }

    public SourceBinding binding() {
        return binding;
    }
}
