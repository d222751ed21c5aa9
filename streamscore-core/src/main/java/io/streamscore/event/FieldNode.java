package io.streamscore.event;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * One field of a record in an event schema's tree: either a leaf value (with its {@link EventField} slot) or a
 * nested record. It keeps the Avro facts that the flat {@link EventField} list loses and both codecs need, so that
 * JSON and Avro accept exactly the same values:
 * <ul>
 *   <li>whether the field itself may be null: a required field inside an optional record is required whenever
 *       the record is present, although its flattened {@link EventField} is nullable;</li>
 *   <li>the Avro width of a number ({@code int}, {@code float}), so a value that cannot be written back is
 *       rejected on the way in;</li>
 *   <li>an enum's symbols.</li>
 * </ul>
 * Immutable. The {@code accept...} methods check a decoded value ({@link MalformedRecordException}: bad data);
 * {@link #encodedValue} checks an event being encoded ({@link IllegalArgumentException}: a programmer error).
 */
final class FieldNode {
    /** Longs beyond ±2^53 cannot be held exactly in a double slot; they are rejected rather than rounded. */
    static final long MAX_EXACT_LONG = 1L << 53;

    final String name;
    /** Dotted name from the root, as in {@link EventField#name()}. */
    final String path;
    /** Position in its Avro record. */
    final int position;
    /** Unique within the tree, so per-record bookkeeping can live in one flat array. */
    final int index;
    /** This field's own {@code ["null", T]} union; says nothing about the records around it. */
    final boolean nullable;
    /** The non-null type of the field. */
    final Schema avro;
    /** The slot layout of a leaf; null for a nested record. */
    final EventField leaf;
    /** The nested record; null for a leaf. */
    final RecordNode record;
    private final Map<String, GenericData.EnumSymbol> symbols;

    FieldNode(String path, Schema.Field field, int index, EventField leaf, RecordNode record) {
        this.name = field.name();
        this.path = path;
        this.position = field.pos();
        this.index = index;
        Schema type = field.schema();
        this.nullable = type.getType() == Schema.Type.UNION;
        this.avro = valueType(type);
        this.leaf = leaf;
        this.record = record;
        this.symbols = avro.getType() == Schema.Type.ENUM ? symbolsOf(avro) : Map.of();
    }

    /** The type a field's values have: the schema itself, or the non-null branch of a {@code ["null", T]} union. */
    static Schema valueType(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return type;
        }
        for (Schema branch : type.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        throw new IllegalArgumentException("union " + type + " has no non-null branch");
    }

    private static Map<String, GenericData.EnumSymbol> symbolsOf(Schema enumSchema) {
        Map<String, GenericData.EnumSymbol> bySymbol = new LinkedHashMap<>();
        for (String symbol : enumSchema.getEnumSymbols()) {
            bySymbol.put(symbol, new GenericData.EnumSymbol(enumSchema, symbol));
        }
        return bySymbol;
    }

    boolean isRecord() {
        return record != null;
    }

    /** A decoded integer for this LONG field, as its slot value. */
    double acceptLong(long value) throws MalformedRecordException {
        if (avro.getType() == Schema.Type.INT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw wrongType("an int (32-bit)", Long.toString(value));
        }
        if (value > MAX_EXACT_LONG || value < -MAX_EXACT_LONG) {
            throw wrongType("an integer within ±2^53 (a double slot holds no more exactly)", Long.toString(value));
        }
        return value;
    }

    /** A decoded number for this DOUBLE field, as its slot value; a {@code float} field keeps float precision. */
    double acceptDouble(double value) throws MalformedRecordException {
        if (!Double.isFinite(value)) {
            throw nonFinite(value);
        }
        if (avro.getType() == Schema.Type.FLOAT) {
            float narrowed = (float) value;
            if (Float.isInfinite(narrowed)) {
                throw wrongType("a float (32-bit)", Double.toString(value));
            }
            return narrowed;
        }
        return value;
    }

    /** A decoded string for this STRING field; an enum field takes only its symbols. */
    String acceptString(String value) throws MalformedRecordException {
        if (!symbols.isEmpty() && !symbols.containsKey(value)) {
            throw wrongType("one of " + symbols.keySet(), "'" + value + "'");
        }
        return value;
    }

    MalformedRecordException wrongType(String expected, String actual) {
        return new MalformedRecordException(DeadLetterReason.WRONG_TYPE,
                "field '" + path + "': expected " + expected + ", got " + actual);
    }

    MalformedRecordException nonFinite(double value) {
        return new MalformedRecordException(DeadLetterReason.NON_FINITE_NUMBER,
                "field '" + path + "': " + value + " is not a finite number");
    }

    MalformedRecordException missing() {
        return new MalformedRecordException(DeadLetterReason.MISSING_FIELD,
                "field '" + path + "' is required but " + (isRecord() ? "the record is" : "it is")
                        + " missing or null");
    }

    /** Whether this leaf has no value in the event. */
    boolean isMissingIn(Event event) {
        return leaf.type().isNumeric() ? Double.isNaN(event.numbers[leaf.slot()]) : event.strings[leaf.slot()] == null;
    }

    /**
     * This leaf's value in the event as the Java value Avro and Jackson write: String, {@link GenericData.EnumSymbol},
     * Double, Float, Long, Integer or Boolean; null when missing and nullable.
     *
     * @throws IllegalArgumentException if the value is missing but required, or is one decoding would reject
     */
    Object encodedValue(Event event) {
        if (isMissingIn(event)) {
            if (!nullable) {
                throw new IllegalArgumentException("field '" + path + "' is required but missing in " + event);
            }
            return null;
        }
        if (leaf.type() == FieldType.STRING) {
            return encodedString(event.strings[leaf.slot()]);
        }
        double value = event.numbers[leaf.slot()];
        return switch (avro.getType()) {
            case DOUBLE, FLOAT -> encodedDouble(value);
            case LONG, INT -> encodedLong(value);
            case BOOLEAN -> encodedBoolean(value);
            default -> throw new IllegalStateException("field '" + path + "' has unexpected Avro type " + avro);
        };
    }

    private Object encodedString(String value) {
        if (symbols.isEmpty()) {
            return value;
        }
        GenericData.EnumSymbol symbol = symbols.get(value);
        if (symbol == null) {
            throw badValue("'" + value + "' is not one of " + symbols.keySet());
        }
        return symbol;
    }

    private Object encodedDouble(double value) {
        if (Double.isInfinite(value)) {
            throw badValue(value + " is not finite");
        }
        return avro.getType() == Schema.Type.FLOAT ? (Object) (float) value : (Object) value;
    }

    private Object encodedLong(double value) {
        long asLong = (long) value;
        if (asLong != value || asLong > MAX_EXACT_LONG || asLong < -MAX_EXACT_LONG
                || (avro.getType() == Schema.Type.INT && (int) asLong != asLong)) {
            throw badValue(value + " is not an integer that fits the field");
        }
        return avro.getType() == Schema.Type.INT ? (Object) (int) asLong : (Object) asLong;
    }

    private Object encodedBoolean(double value) {
        if (value != 0.0 && value != 1.0) {
            throw badValue(value + " is not a boolean (0 or 1)");
        }
        return value == 1.0;
    }

    private IllegalArgumentException badValue(String problem) {
        return new IllegalArgumentException("field '" + path + "': " + problem);
    }
}
