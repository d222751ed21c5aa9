package io.streamscore.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * The layout of an event type: its fields, their types, and the value slot each occupies in an {@link Event}.
 *
 * <p>A schema is defined once, as an Avro record schema ({@code .avsc}); the JSON and Avro codecs both follow it,
 * so the two encodings carry the same records. Nested records are flattened into dotted names
 * ({@code after.country}); {@code ["null", T]} unions make a field nullable; Avro enums read as strings.
 * Immutable and serializable.
 */
public final class EventSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The schemas Streamscore ships, each under {@code /schemas/NAME.avsc} on the classpath. */
    public static final Set<String> BUILT_IN = Set.of("transaction", "click", "label", "user_profile_change");

    private final String name;
    private final String avroJson;
    private final List<EventField> fields;
    private final Map<String, EventField> byName;
    private final int numericCount;
    private final int stringCount;
    private transient Schema avro;

    private EventSchema(String name, Schema avro, List<EventField> fields) {
        this.name = name;
        this.avro = avro;
        this.avroJson = avro.toString();
        this.fields = List.copyOf(fields);
        Map<String, EventField> index = new LinkedHashMap<>();
        int numeric = 0;
        int text = 0;
        for (EventField field : fields) {
            index.put(field.name(), field);
            if (field.type().isNumeric()) {
                numeric++;
            } else {
                text++;
            }
        }
        this.byName = Collections.unmodifiableMap(index);
        this.numericCount = numeric;
        this.stringCount = text;
    }

    /** Builds the schema of an Avro record schema; the event type's name is the record's name. */
    public static EventSchema fromAvro(Schema avro) {
        return fromAvro(avro.getName(), avro);
    }

    public static EventSchema fromAvro(String name, Schema avro) {
        if (avro.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("schema " + name + " must be an Avro record, was " + avro.getType());
        }
        List<EventField> fields = new ArrayList<>();
        int[] next = new int[2]; // next numeric slot, next string slot
        flatten("", avro, false, fields, next);
        return new EventSchema(name, avro, fields);
    }

    /** Loads one of the {@link #BUILT_IN} schemas. */
    public static EventSchema builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in schema named '" + name + "'; built-in schemas are "
                    + new java.util.TreeSet<>(BUILT_IN));
        }
        try (InputStream in = EventSchema.class.getResourceAsStream("/schemas/" + name + ".avsc")) {
            if (in == null) {
                throw new IllegalStateException("built-in schema resource /schemas/" + name + ".avsc is missing");
            }
            return fromAvro(name, new Schema.Parser().parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(String prefix, Schema record, boolean parentNullable, List<EventField> out,
                                int[] next) {
        for (Schema.Field f : record.getFields()) {
            String fieldName = prefix + f.name();
            Schema type = f.schema();
            boolean nullable = parentNullable;
            if (type.getType() == Schema.Type.UNION) {
                List<Schema> branches = type.getTypes();
                List<Schema> nonNull = branches.stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
                if (nonNull.size() != 1 || branches.size() != 2) {
                    throw new IllegalArgumentException("field " + fieldName
                            + ": only [\"null\", T] unions are supported, was " + type);
                }
                type = nonNull.get(0);
                nullable = true;
            }
            switch (type.getType()) {
                case RECORD -> flatten(fieldName + ".", type, nullable, out, next);
                case STRING, ENUM -> out.add(new EventField(fieldName, FieldType.STRING, nullable, next[1]++));
                case DOUBLE, FLOAT -> out.add(new EventField(fieldName, FieldType.DOUBLE, nullable, next[0]++));
                case INT, LONG -> out.add(new EventField(fieldName, FieldType.LONG, nullable, next[0]++));
                case BOOLEAN -> out.add(new EventField(fieldName, FieldType.BOOLEAN, nullable, next[0]++));
                default -> throw new IllegalArgumentException("field " + fieldName + ": Avro type " + type.getType()
                        + " is not supported; use string, double, float, long, int, boolean, enum or a record");
            }
        }
    }

    public String name() {
        return name;
    }

    /** The Avro schema this event type was defined by. */
    public Schema avro() {
        if (avro == null) {
            avro = new Schema.Parser().parse(avroJson);
        }
        return avro;
    }

    /** Fields in schema order (nested records flattened in place). */
    public List<EventField> fields() {
        return fields;
    }

    public Optional<EventField> field(String fieldName) {
        return Optional.ofNullable(byName.get(fieldName));
    }

    /**
     * The Avro {@code logicalType} of a field ({@code timestamp-millis}), read from the schema as written so that
     * types this Avro version does not know are seen too; empty when the field has none or does not exist.
     */
    public Optional<String> logicalType(String fieldName) {
        if (!byName.containsKey(fieldName)) {
            return Optional.empty();
        }
        Schema type = avro();
        for (String segment : fieldName.split("\\.")) {
            type = FieldNode.valueType(type.getField(segment).schema());
        }
        return Optional.ofNullable(type.getProp(LogicalType.LOGICAL_TYPE_PROP));
    }

    /** The field of that name; an {@link IllegalArgumentException} naming the known fields if there is none. */
    public EventField require(String fieldName) {
        EventField field = byName.get(fieldName);
        if (field == null) {
            throw new IllegalArgumentException("schema " + name + " has no field '" + fieldName + "'; its fields are "
                    + byName.keySet());
        }
        return field;
    }

    public int numericCount() {
        return numericCount;
    }

    public int stringCount() {
        return stringCount;
    }

    /** A fresh numeric value array, every slot missing (NaN). */
    public double[] newNumbers() {
        double[] numbers = new double[numericCount];
        Arrays.fill(numbers, Double.NaN);
        return numbers;
    }

    /** A fresh string value array, every slot missing (null). */
    public String[] newStrings() {
        return new String[stringCount];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSchema other && name.equals(other.name) && avroJson.equals(other.avroJson);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + avroJson.hashCode();
    }

    @Override
    public String toString() {
        return "EventSchema{" + name + " " + fields.size() + " fields}";
    }
}
