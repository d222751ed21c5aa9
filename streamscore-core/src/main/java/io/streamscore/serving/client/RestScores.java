package io.streamscore.serving.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.serving.BinaryTensors;
import io.streamscore.serving.Datatype;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The scores in a REST inference response: the output {@link RemoteTensors} names (or the first), its elements from
 * JSON {@code data} (flat or nested) or from the binary data after the header, where each binary output's bytes
 * follow the previous one's ({@link BinaryTensors}), then one score per row as {@link RemoteTensors#perRow} picks.
 */
final class RestScores {
    private RestScores() {}

    /**
     * @param header      the response's JSON (the whole body, or a binary response's header)
     * @param body        a binary response's body, or null
     * @param binaryStart where the binary data starts in {@code body}
     * @throws IllegalArgumentException saying what the response lacks
     */
    static double[] read(JsonNode header, byte[] body, int binaryStart, RemoteTensors tensors, int count) {
        JsonNode chosen = null;
        long chosenOffset = 0;
        long offset = 0;
        List<String> names = new ArrayList<>();
        for (JsonNode output : header.path("outputs")) {
            String name = output.path("name").asText();
            names.add(name);
            if (chosen == null && (tensors.output() == null || tensors.output().equals(name))) {
                chosen = output;
                chosenOffset = offset;
            }
            JsonNode size = output.path("parameters").get(BinaryTensors.DATA_SIZE);
            offset += size == null ? 0 : size.asLong();
        }
        if (chosen == null) {
            throw new IllegalArgumentException(tensors.output() == null ? "no outputs"
                    : "no output '" + tensors.output() + "' (outputs: " + names + ")");
        }
        String name = chosen.path("name").asText();
        JsonNode size = chosen.path("parameters").get(BinaryTensors.DATA_SIZE);
        double[] values = size == null ? json(name, chosen.path("datatype").asText(), chosen.get("data"))
                : binary(name, chosen.path("datatype").asText(), size.asLong(-1), body, binaryStart + chosenOffset);
        return tensors.perRow(name, shape(chosen), values, count);
    }

    /** A JSON tensor's {@code shape}; empty when it has none. */
    static List<Long> shape(JsonNode tensor) {
        List<Long> shape = new ArrayList<>();
        tensor.path("shape").forEach(dim -> shape.add(dim.asLong()));
        return shape;
    }

    private static double[] binary(String name, String datatype, long bytes, byte[] body, long start) {
        Datatype type = Datatype.byName(datatype);
        int elementBytes = type == null ? 0 : BinaryTensors.elementBytes(type);
        if (elementBytes == 0) {
            throw new IllegalArgumentException("output '" + name + "' is binary " + datatype + ", not read here");
        }
        if (body == null || bytes < 0 || bytes % elementBytes != 0 || start + bytes > body.length) {
            throw new IllegalArgumentException("output '" + name + "' has " + BinaryTensors.DATA_SIZE + " " + bytes
                    + " but the body holds " + (body == null ? 0 : body.length - start) + " bytes for it");
        }
        double[] values = new double[(int) (bytes / elementBytes)];
        BinaryTensors.read(ByteBuffer.wrap(body, (int) start, (int) bytes), type, values);
        return values;
    }

    /** JSON numbers; an FP32 output's are rounded to float, so they equal the same output's binary data. */
    private static double[] json(String name, String datatype, JsonNode data) {
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException("output '" + name + "' has no \"data\" array");
        }
        List<JsonNode> flat = new ArrayList<>();
        flatten(data, flat);
        double[] values = new double[flat.size()];
        boolean fp32 = Datatype.FP32.name().equals(datatype);
        for (int i = 0; i < values.length; i++) {
            JsonNode value = flat.get(i);
            values[i] = value.isBoolean() ? (value.booleanValue() ? 1 : 0)
                    : !value.isNumber() ? Double.NaN : fp32 ? value.floatValue() : value.doubleValue();
        }
        return values;
    }

    private static void flatten(JsonNode data, List<JsonNode> into) {
        for (JsonNode element : data) {
            if (element.isArray()) {
                flatten(element, into);
            } else {
                into.add(element);
            }
        }
    }
}
