package io.streamscore.generate;

import io.streamscore.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Writes an event in Avro single-object encoding (marker, schema fingerprint, binary datum), as
 * {@link io.streamscore.spec.Format#AVRO} sources read it. A stand-in for the project's Avro codec until that is
 * on main. Not thread-safe.
 */
final class AvroRecordEncoder implements RecordEncoder {
    private final RecordLayout layout;
    private final BinaryMessageEncoder<GenericRecord> encoder;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    AvroRecordEncoder(RecordLayout layout) {
        this.layout = layout;
        this.encoder = new BinaryMessageEncoder<>(GenericData.get(), layout.root().avro());
    }

    @Override
    public byte[] encode(Event event) {
        buffer.reset();
        try {
            encoder.encode(toRecord(layout.root(), event), buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("writing Avro to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    private static GenericRecord toRecord(RecordLayout.Group group, Event event) {
        GenericData.Record record = new GenericData.Record(group.avro());
        int position = 0;
        for (RecordLayout.Node node : group.children()) {
            Object value;
            if (node instanceof RecordLayout.Leaf leaf) {
                value = leaf.isMissing(event) ? null : leafValue(leaf, event);
            } else {
                RecordLayout.Group child = (RecordLayout.Group) node;
                value = child.isAbsent(event) ? null : toRecord(child, event);
            }
            record.put(position++, value);
        }
        return record;
    }

    private static Object leafValue(RecordLayout.Leaf leaf, Event event) {
        double number = leaf.type().isNumeric() ? event.numbers[leaf.slot()] : 0;
        return switch (leaf.avroType()) {
            case STRING -> event.strings[leaf.slot()];
            case ENUM -> new GenericData.EnumSymbol(null, event.strings[leaf.slot()]);
            case DOUBLE -> number;
            case FLOAT -> (float) number;
            case LONG -> (long) number;
            case INT -> (int) number;
            case BOOLEAN -> number != 0;
            default -> throw new IllegalStateException("unsupported Avro type " + leaf.avroType());
        };
    }
}
