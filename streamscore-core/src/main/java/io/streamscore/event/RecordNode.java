package io.streamscore.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A record of an event schema's tree: the event's root record or a nested one. {@link EventSchema} flattens nested
 * records into dotted fields, which is what stages want; codecs must instead walk the records as they appear on
 * the wire (nested JSON objects, nested Avro records), so they share this tree. Built once per codec instance;
 * immutable.
 */
final class RecordNode {
    /** Dotted path of this record from the root; empty for the root. */
    final String path;
    final Schema avro;
    /** Fields in Avro order. */
    final FieldNode[] fields;
    /** Numbers this record among all the records of its tree (0 for the root), for per-record scratch arrays. */
    final int ordinal;
    private final Map<String, FieldNode> byName;

    private RecordNode(String path, Schema avro, int ordinal, List<FieldNode> fields) {
        this.path = path;
        this.avro = avro;
        this.ordinal = ordinal;
        this.fields = fields.toArray(new FieldNode[0]);
        this.byName = new HashMap<>(fields.size() * 2);
        for (FieldNode field : fields) {
            byName.put(field.name, field);
        }
    }

    /** The tree of the schema's Avro record, with each leaf tied to the schema's {@link EventField} slot. */
    static RecordNode rootOf(EventSchema schema) {
        return build("", schema.avro(), schema, new int[2]);
    }

    /** @param counters next field index, next record ordinal */
    private static RecordNode build(String path, Schema avro, EventSchema schema, int[] counters) {
        int ordinal = counters[1]++;
        List<FieldNode> fields = new ArrayList<>();
        for (Schema.Field field : avro.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            Schema type = FieldNode.valueType(field.schema());
            int index = counters[0]++;
            if (type.getType() == Schema.Type.RECORD) {
                RecordNode nested = build(fieldPath, type, schema, counters);
                fields.add(new FieldNode(fieldPath, field, index, null, nested));
            } else {
                fields.add(new FieldNode(fieldPath, field, index, schema.require(fieldPath), null));
            }
        }
        return new RecordNode(path, avro, ordinal, fields);
    }

    /** The field of that name in this record (not a dotted path), or null. */
    FieldNode field(String name) {
        return byName.get(name);
    }

    /** How many field indexes the tree below (and including) this record uses; meaningful on the root. */
    int fieldCount() {
        int count = fields.length;
        for (FieldNode field : fields) {
            if (field.isRecord()) {
                count += field.record.fieldCount();
            }
        }
        return count;
    }

    /** How many records the tree below (and including) this record has; meaningful on the root. */
    int recordCount() {
        int count = 1;
        for (FieldNode field : fields) {
            if (field.isRecord()) {
                count += field.record.recordCount();
            }
        }
        return count;
    }

    /** Whether every leaf of this record (at any depth) is missing in the event, as for an absent optional record. */
    boolean isAbsentIn(Event event) {
        for (FieldNode field : fields) {
            boolean absent = field.isRecord() ? field.record.isAbsentIn(event) : field.isMissingIn(event);
            if (!absent) {
                return false;
            }
        }
        return true;
    }

    /** The field names of this record, for messages. */
    String fieldNames() {
        List<String> names = new ArrayList<>(fields.length);
        for (FieldNode field : fields) {
            names.add(field.name);
        }
        return names.toString();
    }

    /** What a field of this record is called in messages: its dotted path. */
    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
