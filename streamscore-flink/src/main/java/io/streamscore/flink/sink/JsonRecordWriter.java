package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes one JSON document at a time into a reused buffer (the output encoders' one way of writing JSON). One per
 * encoder instance (Flink subtask), not shared between threads.
 *
 * <p>Written for the scoring task's hot path, where a score's JSON was over a third of the task's CPU: one generator
 * writes every record (documents follow each other at the root with no separator and are cut out of the buffer
 * after each), instead of a generator, its context and buffers per record; field names that repeat in every record
 * are written from pre-encoded {@link SerializableString}s ({@link #names}); doubles use Jackson's Schubfach writer.
 */
public final class JsonRecordWriter {
    /** What to write into the open generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static final SerializedString FEATURES = new SerializedString("features");
    /** Doubles from 10^7 on are written in scientific notation ({@code 1.0E7}), as {@link Double#toString} does. */
    private static final double PLAIN_NOTATION_BOUND = 1e7;
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);
    private static final String WHOLE_NUMBER_FRACTION = ".0";

    /**
     * Doubles are written with Jackson's Schubfach writer: the shortest text that reads back as the same double, and
     * several times faster than Java 17's {@code Double.toString}, which was ~15% of a scoring task's CPU (a score
     * carries every feature).
     */
    private final JsonFactory factory = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    /** Reused for every record; null before the first and after a body failed (its state is then unknown). */
    private JsonGenerator generator;

    /** The bytes of the one JSON document {@code body} writes. */
    public byte[] write(Body body) {
        try {
            if (generator == null) {
                generator = factory.createGenerator(buffer);
                generator.setRootValueSeparator(null);
            }
            body.write(generator);
            generator.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            generator = null;
            // Writing into memory cannot fail on I/O; a failure here is a bug in the body.
            throw new UncheckedIOException("could not write JSON output", e);
        } catch (RuntimeException e) {
            generator = null;
            throw e;
        } finally {
            buffer.reset();
        }
    }

    /** {@code names} pre-encoded for {@link JsonGenerator#writeFieldName(SerializableString)}. */
    public static SerializableString[] names(List<String> names) {
        return names.stream().map(SerializedString::new).toArray(SerializableString[]::new);
    }

    /**
     * Writes {@code "features": {column: value, ...}} with every column in order (NaN or no values: null), so every
     * record of a pipeline has the same shape; nothing when the pipeline has no feature columns.
     *
     * @param columns the column names, from {@link #names}
     */
    public static void writeFeatures(JsonGenerator json, SerializableString[] columns, double[] values)
            throws IOException {
        if (columns.length == 0) {
            return;
        }
        json.writeFieldName(FEATURES);
        json.writeStartObject();
        for (int i = 0; i < columns.length; i++) {
            json.writeFieldName(columns[i]);
            writeNullableNumber(json, values == null || i >= values.length ? Double.NaN : values[i]);
        }
        json.writeEndObject();
    }

    public static void writeNullableNumber(JsonGenerator json, String field, double value) throws IOException {
        json.writeFieldName(field);
        writeNullableNumber(json, value);
    }

    public static void writeNullableNumber(JsonGenerator json, SerializableString field, double value)
            throws IOException {
        json.writeFieldName(field);
        writeNullableNumber(json, value);
    }

    /**
     * A number, or null for NaN (inside an array, or after a field name). A whole number below 10^7 in magnitude
     * (counts, most of a score's features) is written as its digits and {@code .0}: the text Jackson's double writer
     * gives it too, without the shortest-digits search.
     */
    public static void writeNullableNumber(JsonGenerator json, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeNull();
        } else if (isPlainWholeNumber(value)) {
            json.writeNumber((long) value);
            json.writeRaw(WHOLE_NUMBER_FRACTION);
        } else {
            json.writeNumber(value);
        }
    }

    /** Whether {@code value}'s shortest text is plain digits and {@code .0} (not -0.0, not 1.0E7 and above). */
    static boolean isPlainWholeNumber(double value) {
        return value == (long) value && Math.abs(value) < PLAIN_NOTATION_BOUND
                && Double.doubleToRawLongBits(value) != NEGATIVE_ZERO;
    }
}
