package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one JSON document at a time into a reused buffer. One per encoder instance (Flink subtask), not shared
 * between threads.
 */
final class JsonRecordWriter {
    /** What to write into the open generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);

    byte[] write(Body body) {
        buffer.reset();
        try (JsonGenerator json = factory.createGenerator(buffer)) {
            body.write(json);
        } catch (IOException e) {
            // Writing into memory cannot fail on I/O; a failure here is a bug in the body.
            throw new UncheckedIOException("could not write JSON output", e);
        }
        return buffer.toByteArray();
    }

    static void writeNullableNumber(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
