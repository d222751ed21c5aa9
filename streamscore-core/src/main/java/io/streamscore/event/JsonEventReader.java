package io.streamscore.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;

/**
 * Reads one JSON record into an event's value slots with Jackson's streaming parser: no tree, no maps, one pass
 * in the order the fields arrive. The rules it enforces are those documented on {@link JsonEventCodec}.
 *
 * <p>Not thread-safe: it remembers, per field, the number of the record in which the field was last seen. That
 * detects duplicate fields and missing required ones without clearing anything between records.
 */
final class JsonEventReader {
    private final String schemaName;
    private final RecordNode root;
    /** For each field index, the number of the record in which it last appeared. */
    private final long[] seenIn;
    private long recordNumber;

    JsonEventReader(String schemaName, RecordNode root) {
        this.schemaName = schemaName;
        this.root = root;
        this.seenIn = new long[root.fieldCount()];
    }

    /** Reads the record's values into the (fresh, all-missing) slot arrays. */
    void read(byte[] bytes, double[] numbers, String[] strings) throws MalformedRecordException {
        recordNumber++;
        try (JsonParser parser = JsonEventCodec.FACTORY.createParser(bytes)) {
            readDocument(parser, numbers, strings);
        } catch (IOException e) { // JSON syntax, input encoding and Jackson's stream constraints
            throw invalidJson(e);
        }
    }

    private void readDocument(JsonParser parser, double[] numbers, String[] strings)
            throws IOException, MalformedRecordException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_JSON,
                    "the record holds no JSON value, only whitespace");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedRecordException(DeadLetterReason.NOT_AN_OBJECT,
                    "the record is " + describe(parser, first) + ", not a JSON object of schema " + schemaName);
        }
        readRecord(parser, root, numbers, strings);
        requireNothingAfter(parser);
    }

    private static void requireNothingAfter(JsonParser parser) throws MalformedRecordException {
        String found;
        try {
            JsonToken trailing = parser.nextToken();
            if (trailing == null) {
                return;
            }
            found = describe(parser, trailing);
        } catch (IOException e) {
            found = "unparsable content (" + messageOf(e) + ")";
        }
        throw new MalformedRecordException(DeadLetterReason.INVALID_JSON, "the record has " + found
                + " after its object ends, at byte " + parser.currentTokenLocation().getByteOffset());
    }

    /** Reads the fields of an object whose START_OBJECT was just read, through its END_OBJECT. */
    private void readRecord(JsonParser parser, RecordNode record, double[] numbers, String[] strings)
            throws IOException, MalformedRecordException {
        String name;
        while ((name = parser.nextFieldName()) != null) {
            FieldNode field = record.field(name);
            if (field == null) {
                throw new MalformedRecordException(DeadLetterReason.UNKNOWN_FIELD, "field '" + record.pathOf(name)
                        + "' is not in schema " + schemaName + "; fields here are " + record.fieldNames());
            }
            if (seenIn[field.index] == recordNumber) {
                throw new MalformedRecordException(DeadLetterReason.INVALID_JSON,
                        "field '" + field.path + "' appears more than once");
            }
            seenIn[field.index] = recordNumber;
            JsonToken value = parser.nextToken();
            if (field.isRecord()) {
                readNested(parser, field, value, numbers, strings);
            } else {
                readLeaf(parser, field, value, numbers, strings);
            }
        }
        // nextFieldName() returned null, so the parser stands on this object's END_OBJECT.
        for (FieldNode field : record.fields) {
            if (!field.nullable && seenIn[field.index] != recordNumber) {
                throw field.missing();
            }
        }
    }

    private void readNested(JsonParser parser, FieldNode field, JsonToken value, double[] numbers, String[] strings)
            throws IOException, MalformedRecordException {
        if (value == JsonToken.START_OBJECT) {
            readRecord(parser, field.record, numbers, strings);
        } else if (value != JsonToken.VALUE_NULL) {
            throw field.wrongType(field.nullable ? "an object or null" : "an object", describe(parser, value));
        } else if (!field.nullable) {
            throw field.missing();
        }
    }

    private static void readLeaf(JsonParser parser, FieldNode field, JsonToken value, double[] numbers,
                                 String[] strings) throws IOException, MalformedRecordException {
        if (value == JsonToken.VALUE_NULL) {
            if (!field.nullable) {
                throw field.missing();
            }
            return; // the slot is already missing
        }
        int slot = field.leaf.slot();
        switch (field.leaf.type()) {
            case STRING -> strings[slot] = field.acceptString(textOf(parser, field, value));
            case DOUBLE -> numbers[slot] = field.acceptDouble(numberOf(parser, field, value));
            case LONG -> numbers[slot] = field.acceptLong(integerOf(parser, field, value));
            case BOOLEAN -> numbers[slot] = booleanOf(parser, field, value);
        }
    }

    private static String textOf(JsonParser parser, FieldNode field, JsonToken value)
            throws IOException, MalformedRecordException {
        if (value != JsonToken.VALUE_STRING) {
            throw field.wrongType("a string", describe(parser, value));
        }
        return parser.getText();
    }

    private static double numberOf(JsonParser parser, FieldNode field, JsonToken value)
            throws IOException, MalformedRecordException {
        if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
            throw field.wrongType("a number", describe(parser, value));
        }
        return parser.getDoubleValue(); // NaN/Infinity tokens and overflowing literals are caught by acceptDouble
    }

    private static long integerOf(JsonParser parser, FieldNode field, JsonToken value)
            throws IOException, MalformedRecordException {
        if (value == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
            throw field.nonFinite(parser.getDoubleValue());
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw field.wrongType("an integer", describe(parser, value));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw field.wrongType("an integer within ±2^53", describe(parser, value));
        }
        return parser.getLongValue();
    }

    private static double booleanOf(JsonParser parser, FieldNode field, JsonToken value)
            throws IOException, MalformedRecordException {
        if (value == JsonToken.VALUE_TRUE) {
            return 1.0;
        }
        if (value == JsonToken.VALUE_FALSE) {
            return 0.0;
        }
        throw field.wrongType("true or false", describe(parser, value));
    }

    /** Names a JSON value for a message; numbers are quoted as written, strings and structures are not. */
    private static String describe(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "the integer " + parser.getText();
            case VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
            case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getText();
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.name();
        };
    }

    private static MalformedRecordException invalidJson(IOException e) {
        String where = e instanceof StreamReadException read && read.getProcessor() != null
                ? pathOf(read.getProcessor().getParsingContext()) : "";
        String what = messageOf(e);
        String location = e instanceof JsonProcessingException json && json.getLocation() != null
                ? " (byte " + json.getLocation().getByteOffset() + ")" : "";
        return new MalformedRecordException(DeadLetterReason.INVALID_JSON,
                (where.isEmpty() ? "invalid JSON" : "invalid JSON at field '" + where + "'") + location + ": " + what);
    }

    private static String messageOf(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString();
    }

    /** The dotted field path of a parsing context, empty at the top level. */
    private static String pathOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, path.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
            }
        }
        return path.toString();
    }
}
