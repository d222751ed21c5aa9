package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.event.FieldType;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The nesting of a schema's flattened fields, resolved once so that encoders walk a small tree of slots per record
 * instead of the Avro schema: a group is a (possibly nullable) nested record, a leaf one value slot.
 */
final class RecordLayout {

    /** A node of the tree: either a {@link Leaf} or a {@link Group}. */
    sealed interface Node permits Leaf, Group {
        String name();
    }

    /** One value: its field name within its record, its type, slot, and the Avro type it is written as. */
    record Leaf(String name, FieldType type, int slot, Schema.Type avroType) implements Node {
        boolean isMissing(Event event) {
            return type.isNumeric() ? Double.isNaN(event.numbers[slot]) : event.strings[slot] == null;
        }
    }

    /** A record; when nullable, it is null exactly when all its values are missing. */
    record Group(String name, boolean nullable, Schema avro, List<Node> children) implements Node {
        boolean isAbsent(Event event) {
            for (Node child : children) {
                boolean missing = child instanceof Leaf leaf ? leaf.isMissing(event) : ((Group) child).isAbsent(event);
                if (!missing) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Group root;

    private RecordLayout(Group root) {
        this.root = root;
    }

    static RecordLayout of(EventSchema schema) {
        return new RecordLayout(group(schema, "", schema.name(), false, schema.avro()));
    }

    Group root() {
        return root;
    }

    private static Group group(EventSchema schema, String prefix, String name, boolean nullable, Schema record) {
        List<Node> children = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            Schema type = field.schema();
            boolean fieldNullable = type.getType() == Schema.Type.UNION;
            if (fieldNullable) {
                type = type.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            }
            String dotted = prefix + field.name();
            if (type.getType() == Schema.Type.RECORD) {
                children.add(group(schema, dotted + ".", field.name(), fieldNullable, type));
            } else {
                EventField eventField = schema.require(dotted);
                children.add(new Leaf(field.name(), eventField.type(), eventField.slot(), type.getType()));
            }
        }
        return new Group(name, nullable, record, List.copyOf(children));
    }
}
