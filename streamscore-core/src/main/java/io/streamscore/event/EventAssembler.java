package io.streamscore.event;

import java.util.Objects;

/**
 * The checks every codec makes around its format-specific decoding: the record's size before it is parsed, then
 * the event's identity after the values are in their slots (id present, key present and non-empty, both at most
 * {@link SourceBinding#MAX_ID_CHARS} characters, event time in range), and finally the {@link Event} itself. One
 * place, so that JSON and Avro sources reject the same records for the same reasons. Immutable; built once per
 * codec instance.
 */
final class EventAssembler {
    private final EventSchema schema;
    private final SourceBinding binding;
    private final EventField idField;
    private final EventField keyField;
    private final EventField eventTimeField;

    /**
     * @throws IllegalArgumentException if the binding names a field the schema lacks, or a field of a type that
     *     cannot serve its role (id and key: string or long; event time: long)
     */
    EventAssembler(EventSchema schema, SourceBinding binding) {
        this.schema = schema;
        this.binding = binding;
        this.idField = requireType(schema.require(binding.idField()), "id", FieldType.STRING, FieldType.LONG);
        this.keyField = requireType(schema.require(binding.keyField()), "key", FieldType.STRING, FieldType.LONG);
        this.eventTimeField = requireType(schema.require(binding.eventTimeField()), "event time", FieldType.LONG,
                FieldType.LONG);
    }

    private static EventField requireType(EventField field, String role, FieldType allowed, FieldType alsoAllowed) {
        if (field.type() != allowed && field.type() != alsoAllowed) {
            throw new IllegalArgumentException("field '" + field.name() + "' is " + field.type() + " and cannot be the "
                    + role + " field; use a field of type " + allowed
                    + (allowed == alsoAllowed ? "" : " or " + alsoAllowed));
        }
        return field;
    }

    /** Rejects a record with no bytes or more than the binding allows, before any parsing is spent on it. */
    void checkSize(byte[] bytes) throws MalformedRecordException {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedRecordException(DeadLetterReason.EMPTY_RECORD,
                    "record of source '" + binding.source() + "' has no bytes");
        }
        if (bytes.length > binding.maxRecordBytes()) {
            throw new MalformedRecordException(DeadLetterReason.RECORD_TOO_LARGE, "record of " + bytes.length
                    + " bytes exceeds max_record_bytes " + binding.maxRecordBytes() + " of source '" + binding.source()
                    + "'");
        }
    }

    /** The event of decoded values, once its key and event time are known to be usable. */
    Event assemble(double[] numbers, String[] strings, long ingestTime) throws MalformedRecordException {
        String key = textOf(keyField, numbers, strings);
        if (key == null || key.isEmpty()) {
            throw new MalformedRecordException(DeadLetterReason.MISSING_KEY,
                    "key field '" + keyField.name() + "' is " + (key == null ? "missing" : "empty"));
        }
        double time = numbers[eventTimeField.slot()];
        if (Double.isNaN(time)) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_EVENT_TIME,
                    "event time field '" + eventTimeField.name() + "' is missing");
        }
        long eventTime = (long) time;
        if (eventTime < SourceBinding.MIN_EVENT_TIME || eventTime > SourceBinding.MAX_EVENT_TIME) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_EVENT_TIME, "event time field '"
                    + eventTimeField.name() + "' is " + eventTime + ", outside [" + SourceBinding.MIN_EVENT_TIME + ", "
                    + SourceBinding.MAX_EVENT_TIME + "] (epoch milliseconds from 2000 to 2100)");
        }
        String id = textOf(idField, numbers, strings);
        if (id == null) {
            // a nullable id field: without an id, the results store would keep one row for all such events
            throw new MalformedRecordException(DeadLetterReason.MISSING_FIELD,
                    "id field '" + idField.name() + "' is missing");
        }
        checkLength(idField, id);
        checkLength(keyField, key);
        return new Event(schema.name(), binding.source(), id, key, eventTime, ingestTime, numbers, strings);
    }

    private static void checkLength(EventField field, String value) throws MalformedRecordException {
        if (value.length() > SourceBinding.MAX_ID_CHARS) {
            throw new MalformedRecordException(DeadLetterReason.ID_OR_KEY_TOO_LONG, "field '" + field.name() + "' is "
                    + value.length() + " characters long, more than the " + SourceBinding.MAX_ID_CHARS
                    + " an id or key may have");
        }
    }

    /** Refuses to encode an event of another schema, whose slots would be written under the wrong names. */
    void checkEncodable(Event event) {
        Objects.requireNonNull(event, "event");
        if (!schema.name().equals(event.schema) || event.numbers == null || event.strings == null
                || event.numbers.length != schema.numericCount() || event.strings.length != schema.stringCount()) {
            throw new IllegalArgumentException("cannot encode " + event + " with the codec of schema " + schema.name()
                    + " (" + schema.numericCount() + " numeric and " + schema.stringCount() + " string slots)");
        }
    }

    /** A string or long field's value as text, null when missing; longs are already known to be exact. */
    private static String textOf(EventField field, double[] numbers, String[] strings) {
        if (field.type() == FieldType.STRING) {
            return strings[field.slot()];
        }
        double value = numbers[field.slot()];
        return Double.isNaN(value) ? null : Long.toString((long) value);
    }
}
