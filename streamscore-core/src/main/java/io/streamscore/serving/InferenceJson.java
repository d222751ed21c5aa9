package io.streamscore.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies of the Open Inference Protocol that Streamscore writes, streamed with Jackson's generator (no tree
 * per request): inference requests (client), inference responses, model metadata, server metadata and error bodies
 * (server). Doubles are written in their shortest exact form, so a score or feature value read back is the same
 * double; NaN, which JSON cannot carry, is written as {@code null}.
 */
public final class InferenceJson {
    static final JsonFactory JSON = new JsonFactory();

    private InferenceJson() {}

    /**
     * An inference request for {@code rows[0 .. count)} as one tensor {@code input} of {@code datatype}
     * {@code [count, width]}, asking for output {@code output} only (null: every output).
     */
    public static byte[] request(String id, String input, Datatype datatype, String output, double[][] rows,
                                 int count, int width) {
        return write(gen -> {
            writeRequestStart(gen, id);
            writeTensor(gen, input, datatype, new long[] {count, width}, data -> {
                data.writeArrayFieldStart("data");
                for (int r = 0; r < count; r++) {
                    for (int c = 0; c < width; c++) {
                        writeNumber(data, rows[r][c]);
                    }
                }
                data.writeEndArray();
            });
            gen.writeEndArray();
            if (output != null) {
                writeRequestedOutput(gen, output, false);
            }
            gen.writeEndObject();
        });
    }

    /**
     * The JSON header of a binary inference request: one tensor {@code input} of {@code datatype}
     * {@code [count, width]} whose data follows the header, and output {@code output} (null: every output, with the
     * request parameter {@value BinaryTensors#BINARY_DATA_OUTPUT}) asked for as binary data too.
     */
    public static byte[] binaryRequestHeader(String id, String input, Datatype datatype, String output, int count,
                                             int width) {
        return write(gen -> {
            writeRequestStart(gen, id);
            writeTensor(gen, input, datatype, new long[] {count, width},
                    data -> writeBinarySize(data, (long) count * width * BinaryTensors.elementBytes(datatype)));
            gen.writeEndArray();
            if (output != null) {
                writeRequestedOutput(gen, output, true);
            } else {
                gen.writeObjectFieldStart("parameters");
                gen.writeBooleanField(BinaryTensors.BINARY_DATA_OUTPUT, true);
                gen.writeEndObject();
            }
            gen.writeEndObject();
        });
    }

    private static void writeRequestedOutput(JsonGenerator gen, String output, boolean binary) throws IOException {
        gen.writeArrayFieldStart("outputs");
        gen.writeStartObject();
        gen.writeStringField("name", output);
        if (binary) {
            gen.writeObjectFieldStart("parameters");
            gen.writeBooleanField(BinaryTensors.BINARY_DATA, true);
            gen.writeEndObject();
        }
        gen.writeEndObject();
        gen.writeEndArray();
    }

    private static void writeRequestStart(JsonGenerator gen, String id) throws IOException {
        gen.writeStartObject();
        if (id != null) {
            gen.writeStringField("id", id);
        }
        gen.writeArrayFieldStart("inputs");
    }

    /** An inference response with the scores as JSON numbers ({@code binary}: false) or as binary data after it. */
    static byte[] response(ModelSignature model, String id, double[] scores, boolean binary) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model_name", model.name());
            gen.writeStringField("model_version", Integer.toString(model.version()));
            if (id != null) {
                gen.writeStringField("id", id);
            }
            gen.writeArrayFieldStart("outputs");
            writeTensor(gen, ModelSignature.OUTPUT, Datatype.FP64, new long[] {scores.length}, data -> {
                if (binary) {
                    writeBinarySize(data, (long) scores.length * Double.BYTES);
                    return;
                }
                data.writeArrayFieldStart("data");
                for (double score : scores) {
                    writeNumber(data, score);
                }
                data.writeEndArray();
            });
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    /** One tensor object: name, shape, datatype, then its data or binary size. */
    private static void writeTensor(JsonGenerator gen, String name, Datatype datatype, long[] shape, Body data)
            throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", name);
        writeShape(gen, shape);
        gen.writeStringField("datatype", datatype.name());
        data.write(gen);
        gen.writeEndObject();
    }

    private static void writeBinarySize(JsonGenerator gen, long bytes) throws IOException {
        gen.writeObjectFieldStart("parameters");
        gen.writeNumberField(BinaryTensors.DATA_SIZE, bytes);
        gen.writeEndObject();
    }

    static byte[] modelMetadata(ModelSignature model, List<Integer> versions) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("name", model.name());
            gen.writeArrayFieldStart("versions");
            for (int version : versions) {
                gen.writeString(Integer.toString(version));
            }
            gen.writeEndArray();
            gen.writeStringField("platform", model.platform());
            gen.writeArrayFieldStart("inputs");
            writeTensorMetadata(gen, ModelSignature.INPUT, -1, model.width());
            gen.writeEndArray();
            gen.writeArrayFieldStart("outputs");
            writeTensorMetadata(gen, ModelSignature.OUTPUT, -1);
            gen.writeEndArray();
            gen.writeObjectFieldStart("parameters");
            gen.writeStringField("objective", model.objective());
            gen.writeArrayFieldStart("feature_names");
            for (String feature : model.featureNames()) {
                gen.writeString(feature);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndObject();
        });
    }

    static byte[] serverMetadata(String version) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("name", "streamscore");
            gen.writeStringField("version", version);
            gen.writeArrayFieldStart("extensions");
            gen.writeString(BinaryTensors.EXTENSION);
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    /** The protocol's error body, {@code {"error": "..."}}. */
    public static byte[] error(String message) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("error", message);
            gen.writeEndObject();
        });
    }

    private static void writeTensorMetadata(JsonGenerator gen, String name, long... shape) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", name);
        gen.writeStringField("datatype", Datatype.FP64.name());
        writeShape(gen, shape);
        gen.writeEndObject();
    }

    private static void writeShape(JsonGenerator gen, long... shape) throws IOException {
        gen.writeArrayFieldStart("shape");
        for (long dim : shape) {
            gen.writeNumber(dim);
        }
        gen.writeEndArray();
    }

    private static void writeNumber(JsonGenerator gen, double value) throws IOException {
        if (Double.isFinite(value)) {
            gen.writeNumber(value);
        } else {
            gen.writeNull();
        }
    }

    private interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            body.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
