package io.streamscore.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.streamscore.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an event as one JSON object with the schema's nesting (a nullable nested record absent is {@code null}),
 * through Jackson's streaming generator and one reused buffer. A stand-in for the project's JSON codec until that
 * is on main; it writes what that codec reads, the plain object described by {@link io.streamscore.spec.Format#JSON}.
 * Not thread-safe.
 */
final class JsonRecordEncoder implements RecordEncoder {
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final JsonGenerator json;
    private final RecordLayout layout;

    JsonRecordEncoder(RecordLayout layout) {
        this.layout = layout;
        // One generator for all records: with no root value separator, each record is one bare object that a
        // flush moves into the buffer. Creating a generator per record costs more than writing the record.
        JsonFactory factory = new JsonFactoryBuilder().rootValueSeparator((String) null)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        try {
            this.json = factory.createGenerator(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("creating a JSON generator on memory cannot fail", e);
        }
    }

    @Override
    public byte[] encode(Event event) {
        try {
            writeGroup(json, layout.root(), event);
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    private static void writeGroup(JsonGenerator json, RecordLayout.Group group, Event event) throws IOException {
        json.writeStartObject();
        for (RecordLayout.Node node : group.children()) {
            json.writeFieldName(node.name());
            if (node instanceof RecordLayout.Leaf leaf) {
                writeLeaf(json, leaf, event);
            } else if (((RecordLayout.Group) node).isAbsent(event)) {
                json.writeNull();
            } else {
                writeGroup(json, (RecordLayout.Group) node, event);
            }
        }
        json.writeEndObject();
    }

    private static void writeLeaf(JsonGenerator json, RecordLayout.Leaf leaf, Event event) throws IOException {
        if (leaf.isMissing(event)) {
            json.writeNull();
            return;
        }
        switch (leaf.type()) {
            case STRING -> json.writeString(event.strings[leaf.slot()]);
            case DOUBLE -> json.writeNumber(event.numbers[leaf.slot()]);
            case LONG -> json.writeNumber((long) event.numbers[leaf.slot()]);
            case BOOLEAN -> json.writeBoolean(event.numbers[leaf.slot()] != 0);
        }
    }
}
