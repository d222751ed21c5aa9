package io.streamscore.event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;

/**
 * Avro's generic data model, with readers made fit for untrusted bytes. {@code BinaryMessageDecoder} builds its
 * readers from the model it is given; the readers of this model
 * <ul>
 *   <li>refuse a string whose declared length exceeds the bytes left, before Avro allocates it
 *       (see {@link AvroRecordInput#requireDeclaredLengthFits()});</li>
 *   <li>track the path of the field being read, so that a failure can name it ({@link #fieldPath()});</li>
 *   <li>return an enum value as its symbol string, saving an allocation per enum field and record.</li>
 * </ul>
 * One instance per codec: it holds the codec's input and the path of its current record, so it is not
 * thread-safe.
 */
final class GuardedGenericData extends GenericData {
    private final AvroRecordInput input;
    private final List<String> path = new ArrayList<>();

    GuardedGenericData(AvroRecordInput input) {
        this.input = input;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public DatumReader createDatumReader(Schema writer, Schema reader) {
        return new Reader(writer, reader, this);
    }

    /** Forgets the path of the previous record; call before decoding each record. */
    void startRecord() {
        path.clear();
    }

    /** The dotted path of the field being read when decoding stopped; empty before the first field. */
    String fieldPath() {
        return String.join(".", path);
    }

    private static final class Reader extends GenericDatumReader<Object> {
        private final GuardedGenericData model;

        Reader(Schema writer, Schema reader, GuardedGenericData model) {
            super(writer, reader, model);
            this.model = model;
        }

        @Override
        protected void readField(Object record, Schema.Field field, Object oldDatum, ResolvingDecoder in,
                                 Object state) throws IOException {
            model.path.add(field.name());
            super.readField(record, field, oldDatum, in, state);
            // Popped only on success: after a failure the path still names the field that failed.
            model.path.remove(model.path.size() - 1);
        }

        @Override
        protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
            model.input.requireDeclaredLengthFits();
            return super.readString(old, expected, in);
        }

        @Override
        protected Object createEnum(String symbol, Schema schema) {
            return symbol;
        }
    }
}
