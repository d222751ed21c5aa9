package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one JSON document at a time into a reused buffer (the output encoders' one way of writing JSON). One per encoder instance (Flink subtask), not shared
 * between threads.
 */
public final class JsonRecordWriter {
    /** What to write into the open generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * Doubles are written with Jackson's Schubfach writer: the shortest text that reads back as the same double, and
     * several times faster than Java 17's {@code Double.toString}, which was ~15% of a scoring task's CPU (a score
     * carries every feature).
     */
    private final JsonFactory factory = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);

    public byte[] write(Body body) {
        buffer.reset();
        try (JsonGenerator json = factory.createGenerator(buffer)) {
            body.write(json);
        } catch (IOException e) {
            // Writing into memory cannot fail on I/O; a failure here is a bug in the body.
            throw new UncheckedIOException("could not write JSON output", e);
        }
        return buffer.toByteArray();
    }

    /**
     * Writes {@code "features": {column: value, ...}} with every column in order (NaN or no values: null), so every
     * record of a pipeline has the same shape; nothing when the pipeline has no feature columns.
     */
    public static void writeFeatures(JsonGenerator json, java.util.List<String> columns, double[] values)
            throws IOException {
        if (columns.isEmpty()) {
            return;
        }
        json.writeFieldName("features");
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            writeNullableNumber(json, columns.get(i), values == null || i >= values.length ? Double.NaN : values[i]);
        }
        json.writeEndObject();
    }

    public static void writeNullableNumber(JsonGenerator json, String field, double value) throws IOException {
        json.writeFieldName(field);
        writeNullableNumber(json, value);
    }

    /** A number, or null for NaN (inside an array, or after a field name). */
    public static void writeNullableNumber(JsonGenerator json, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }
}
