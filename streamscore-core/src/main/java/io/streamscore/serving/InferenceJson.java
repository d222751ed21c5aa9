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

    /** An inference request for {@code rows[0 .. count)} as one FP64 tensor {@code [count, width]}. */
    public static byte[] request(String id, double[][] rows, int count, int width) {
        return write(gen -> {
            gen.writeStartObject();
            if (id != null) {
                gen.writeStringField("id", id);
            }
            gen.writeArrayFieldStart("inputs");
            gen.writeStartObject();
            gen.writeStringField("name", ModelSignature.INPUT);
            writeShape(gen, count, width);
            gen.writeStringField("datatype", Datatype.FP64.name());
            gen.writeArrayFieldStart("data");
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < width; c++) {
                    writeNumber(gen, rows[r][c]);
                }
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    static byte[] response(ModelSignature model, String id, double[] scores) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model_name", model.name());
            gen.writeStringField("model_version", Integer.toString(model.version()));
            if (id != null) {
                gen.writeStringField("id", id);
            }
            gen.writeArrayFieldStart("outputs");
            gen.writeStartObject();
            gen.writeStringField("name", ModelSignature.OUTPUT);
            writeShape(gen, scores.length);
            gen.writeStringField("datatype", Datatype.FP64.name());
            gen.writeArrayFieldStart("data");
            for (double score : scores) {
                writeNumber(gen, score);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndArray();
            gen.writeEndObject();
        });
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
