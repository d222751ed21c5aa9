package io.streamscore.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an Open Inference Protocol inference request ({@code POST .../infer}) for a model with {@code width}
 * features: one input tensor named {@link ModelSignature#INPUT} of shape {@code [rows, width]} (or {@code [width]}
 * for one row), any numeric datatype, data flat or nested in row-major order as the protocol allows. A JSON
 * {@code null} element is a missing value (NaN), since JSON has no NaN. Everything else is refused with a 400 that
 * names the field and what the model expects.
 */
final class InferenceRequestReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InferenceRequestReader() {}

    /** The request's id (null when absent) and its rows. */
    record Request(String id, double[][] rows) {}

    static Request read(InputStream body, ModelSignature signature) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw InferenceException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw InferenceException.badRequest("the request body must be a JSON object with \"inputs\"");
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isTextual()) {
            throw InferenceException.badRequest("\"id\" must be a string");
        }
        checkOutputs(root.get("outputs"));
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw InferenceException.badRequest("\"inputs\" must be a non-empty array of tensors; this model takes "
                    + signature.describeInput());
        }
        if (inputs.size() != 1) {
            throw InferenceException.badRequest("this model takes one input tensor, " + signature.describeInput()
                    + "; the request has " + inputs.size());
        }
        return new Request(id == null ? null : id.asText(), rows(inputs.get(0), signature));
    }

    private static void checkOutputs(JsonNode outputs) {
        if (outputs == null) {
            return;
        }
        if (!outputs.isArray()) {
            throw InferenceException.badRequest("\"outputs\" must be an array of {\"name\": ...}");
        }
        for (JsonNode output : outputs) {
            String name = output.path("name").asText(null);
            if (!ModelSignature.OUTPUT.equals(name)) {
                throw InferenceException.badRequest("unknown output '" + name + "'; this model has one output, '"
                        + ModelSignature.OUTPUT + "'");
            }
        }
    }

    private static double[][] rows(JsonNode input, ModelSignature signature) {
        String name = input.path("name").asText(null);
        if (!ModelSignature.INPUT.equals(name)) {
            throw InferenceException.badRequest("unknown input '" + name + "'; this model takes "
                    + signature.describeInput());
        }
        Datatype datatype = Datatype.byName(input.path("datatype").asText(""));
        if (datatype == null || datatype == Datatype.BYTES) {
            throw InferenceException.badRequest("input '" + name + "': datatype '" + input.path("datatype").asText()
                    + "' is not a numeric tensor datatype; use FP64 (or FP32, INT64, ..., BOOL)");
        }
        long[] shape = shape(input.get("shape"), name);
        int width = signature.width();
        long elements = 1;
        for (long dim : shape) {
            elements *= dim;
        }
        if (shape[shape.length - 1] != width || shape.length > 2) {
            throw InferenceException.badRequest("input '" + name + "': shape " + java.util.Arrays.toString(shape)
                    + " does not fit this model; it takes " + signature.describeInput());
        }
        JsonNode data = input.get("data");
        if (data == null || !data.isArray()) {
            throw InferenceException.badRequest("input '" + name + "': \"data\" must be an array (flat or nested, "
                    + "row-major)");
        }
        double[] flat = new double[Math.toIntExact(elements)];
        int filled = flatten(data, datatype, flat, 0, name);
        if (filled != elements) {
            throw InferenceException.badRequest("input '" + name + "': shape " + java.util.Arrays.toString(shape)
                    + " has " + elements + " elements but \"data\" has " + filled);
        }
        double[][] rows = new double[(int) (elements / width)][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }

    private static long[] shape(JsonNode shape, String name) {
        if (shape == null || !shape.isArray() || shape.isEmpty()) {
            throw InferenceException.badRequest("input '" + name + "': \"shape\" must be a non-empty array of sizes");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode dim = shape.get(i);
            if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.asLong() < 0) {
                throw InferenceException.badRequest("input '" + name + "': shape element " + dim
                        + " is not a size (a non-negative integer)");
            }
            dims[i] = dim.asLong();
        }
        return dims;
    }

    /** Copies the elements of a possibly nested data array in row-major order; returns the count seen. */
    private static int flatten(JsonNode data, Datatype datatype, double[] out, int at, String name) {
        int position = at;
        for (JsonNode element : data) {
            if (element.isArray()) {
                position = flatten(element, datatype, out, position, name);
                continue;
            }
            if (position < out.length) {
                out[position] = element(element, datatype, name);
            }
            position++;
        }
        return position;
    }

    private static double element(JsonNode element, Datatype datatype, String name) {
        if (element.isNull()) {
            return Double.NaN;
        }
        if (datatype == Datatype.BOOL) {
            if (!element.isBoolean()) {
                throw InferenceException.badRequest("input '" + name + "': BOOL data must be true or false, got "
                        + element);
            }
            return element.booleanValue() ? 1 : 0;
        }
        if (!element.isNumber() || (datatype.isInteger() && !element.isIntegralNumber())) {
            throw InferenceException.badRequest("input '" + name + "': " + element + " is not a " + datatype
                    + " value");
        }
        return element.doubleValue();
    }
}
