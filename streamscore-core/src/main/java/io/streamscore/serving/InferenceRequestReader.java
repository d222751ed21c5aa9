package io.streamscore.serving;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Open Inference Protocol inference request ({@code POST .../infer}) for a model with {@code width}
 * features: one input tensor named {@link ModelSignature#INPUT} of shape {@code [rows, width]} (or {@code [width]}
 * for one row), any numeric datatype, data flat or nested in row-major order as the protocol allows. A JSON
 * {@code null} element is a missing value (NaN), since JSON has no NaN. With the binary tensor data extension
 * ({@link BinaryTensors}: an {@value BinaryTensors#HEADER_LENGTH} header) the JSON is the body's first bytes and the
 * input's data follows it, little-endian. Everything else is refused with a 400 that names the field and what the
 * model expects.
 */
final class InferenceRequestReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Jackson's message for NaN, Infinity, -Infinity and the like, which names the feature that would allow them. */
    private static final Pattern NON_NUMERIC =
            Pattern.compile("^Non-standard token ('[^']*').*ALLOW_NON_NUMERIC_NUMBERS", Pattern.DOTALL);
    /** Jackson's advice to enable a parser feature, e.g. {@code : enable `JsonReadFeature.X` to allow}. */
    private static final Pattern PARSER_FEATURE = Pattern.compile(
            "[:;]? *\\(?(?:enable `?JsonReadFeature\\.\\w+`? to allow|not recognized as one since Feature '\\w+' "
                    + "not enabled for parser)\\)?");

    private InferenceRequestReader() {}

    /** The request's id (null when absent), its rows, and whether it asked for the scores as binary data. */
    record Request(String id, double[][] rows, boolean binaryOutput) {}

    /** @param headerLength the {@value BinaryTensors#HEADER_LENGTH} header's value, null for a JSON-only request */
    static Request read(InputStream body, String headerLength, ModelSignature signature) throws IOException {
        if (headerLength == null) {
            return read(parse(() -> MAPPER.readTree(body)), null, signature);
        }
        byte[] bytes = body.readAllBytes();
        int length = jsonLength(headerLength, bytes.length);
        JsonNode root = parse(() -> MAPPER.readTree(bytes, 0, length));
        return read(root, ByteBuffer.wrap(bytes, length, bytes.length - length).slice(), signature);
    }

    private static int jsonLength(String headerLength, int bodyLength) {
        try {
            int length = Integer.parseInt(headerLength.trim());
            if (length >= 0 && length <= bodyLength) {
                return length;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw InferenceException.badRequest(BinaryTensors.HEADER_LENGTH + " '" + headerLength + "' is not a length "
                + "within the body's " + bodyLength + " bytes; it gives the JSON header's length in bytes");
    }

    private interface JsonRead {
        JsonNode read() throws IOException;
    }

    private static JsonNode parse(JsonRead read) throws IOException {
        try {
            return read.read();
        } catch (JsonProcessingException e) {
            throw InferenceException.badRequest("the request body is not valid JSON: " + describe(e));
        }
    }

    /**
     * Jackson's message without its advice to enable a parser feature (the client cannot; the server keeps to
     * standard JSON), and where in the body: NaN and infinities get the plain reason they are refused.
     */
    static String describe(JsonProcessingException e) {
        Matcher nonNumeric = NON_NUMERIC.matcher(e.getOriginalMessage());
        String what = nonNumeric.find() ? nonNumeric.group(1) + ": NaN and Infinity are not JSON numbers; send null "
                + "for a missing value" : PARSER_FEATURE.matcher(e.getOriginalMessage()).replaceAll("");
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 0 ? what
                : what + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** @param binary the data after the JSON header, null for a JSON-only request */
    private static Request read(JsonNode root, ByteBuffer binary, ModelSignature signature) {
        if (root == null || !root.isObject()) {
            throw InferenceException.badRequest("the request body must be a JSON object with \"inputs\"");
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isTextual()) {
            throw InferenceException.badRequest("\"id\" must be a string");
        }
        boolean binaryOutput = checkOutputs(root.get("outputs"))
                || root.path("parameters").path(BinaryTensors.BINARY_DATA_OUTPUT).asBoolean(false);
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw InferenceException.badRequest("\"inputs\" must be a non-empty array of tensors; this model takes "
                    + signature.describeInput());
        }
        if (inputs.size() != 1) {
            throw InferenceException.badRequest("this model takes one input tensor, " + signature.describeInput()
                    + "; the request has " + inputs.size());
        }
        double[][] rows = rows(inputs.get(0), signature, binary);
        if (binary != null && binary.hasRemaining()) {
            throw InferenceException.badRequest("the body has " + binary.remaining() + " bytes after the binary data "
                    + "its inputs declare (" + BinaryTensors.DATA_SIZE + ")");
        }
        return new Request(id == null ? null : id.asText(), rows, binaryOutput);
    }

    /** Checks the requested outputs; returns whether one asks for binary data. */
    private static boolean checkOutputs(JsonNode outputs) {
        if (outputs == null) {
            return false;
        }
        boolean binary = false;
        if (!outputs.isArray()) {
            throw InferenceException.badRequest("\"outputs\" must be an array of {\"name\": ...}");
        }
        for (JsonNode output : outputs) {
            String name = output.path("name").asText(null);
            if (!ModelSignature.OUTPUT.equals(name)) {
                throw InferenceException.badRequest("unknown output '" + name + "'; this model has one output, '"
                        + ModelSignature.OUTPUT + "'");
            }
            binary |= output.path("parameters").path(BinaryTensors.BINARY_DATA).asBoolean(false);
        }
        return binary;
    }

    private static double[][] rows(JsonNode input, ModelSignature signature, ByteBuffer binary) {
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
        double[] flat = new double[elements(name, shape, signature)];
        JsonNode binarySize = input.path("parameters").get(BinaryTensors.DATA_SIZE);
        if (binarySize != null) {
            readBinary(input, datatype, binarySize, binary, flat, shape);
        } else {
            readJson(input, datatype, flat, shape);
        }
        return split(flat, signature.width());
    }

    /**
     * The number of elements of input {@code name} of {@code shape} ({@code [rows, width]} or {@code [width]}),
     * refused with a 400 when the shape does not fit the model.
     */
    static int elements(String name, long[] shape, ModelSignature signature) {
        long elements = 1;
        for (long dim : shape) {
            elements *= Math.min(dim, Integer.MAX_VALUE); // at most two dimensions: no overflow
        }
        if (shape.length > 2 || shape[shape.length - 1] != signature.width() || elements > Integer.MAX_VALUE / 8) {
            throw InferenceException.badRequest("input '" + name + "': shape " + java.util.Arrays.toString(shape)
                    + " does not fit this model; it takes " + signature.describeInput());
        }
        return (int) elements;
    }

    /** A flat row-major tensor as rows of {@code width}. */
    static double[][] split(double[] flat, int width) {
        double[][] rows = new double[flat.length / width][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }

    private static void readJson(JsonNode input, Datatype datatype, double[] flat, long[] shape) {
        String name = input.path("name").asText();
        JsonNode data = input.get("data");
        if (data == null || !data.isArray()) {
            throw InferenceException.badRequest("input '" + name + "': \"data\" must be an array (flat or nested, "
                    + "row-major), or the data binary after the JSON with \"parameters\": {\""
                    + BinaryTensors.DATA_SIZE + "\": ...}");
        }
        boolean nested = false;
        for (JsonNode element : data) {
            nested |= element.isArray();
        }
        if (nested) {
            checkNesting(data, shape, 0, name);
        }
        int filled = flatten(data, datatype, flat, 0, name);
        if (filled != flat.length) {
            throw InferenceException.badRequest("input '" + name + "': shape " + java.util.Arrays.toString(shape)
                    + " has " + flat.length + " elements but \"data\" has " + filled);
        }
    }

    private static void readBinary(JsonNode input, Datatype datatype, JsonNode size, ByteBuffer binary, double[] flat,
                                   long[] shape) {
        String name = input.path("name").asText();
        if (binary == null) {
            throw InferenceException.badRequest("input '" + name + "' has " + BinaryTensors.DATA_SIZE + " but the "
                    + "request has no " + BinaryTensors.HEADER_LENGTH + " header saying where its JSON ends");
        }
        if (input.has("data")) {
            throw InferenceException.badRequest("input '" + name + "' has both \"data\" and "
                    + BinaryTensors.DATA_SIZE + "; send one");
        }
        int elementBytes = BinaryTensors.elementBytes(datatype);
        if (elementBytes == 0) {
            throw InferenceException.badRequest("input '" + name + "': binary " + datatype + " data is not read "
                    + "here; send FP32 or FP64 (or an integer type)");
        }
        long expected = (long) flat.length * elementBytes;
        if (!size.canConvertToLong() || size.asLong() != expected) {
            throw InferenceException.badRequest("input '" + name + "': " + BinaryTensors.DATA_SIZE + " " + size
                    + " does not fit shape " + java.util.Arrays.toString(shape) + " of " + datatype + " ("
                    + expected + " bytes)");
        }
        try {
            BinaryTensors.read(binary, datatype, flat);
        } catch (BufferUnderflowException e) {
            throw InferenceException.badRequest("input '" + name + "': " + BinaryTensors.DATA_SIZE + " is " + expected
                    + " bytes but the body ends first");
        }
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

    /**
     * Nested data must have the shape level by level: rows of another length would be silently re-split into rows of
     * the model's width (only flat data is laid out by the shape alone).
     */
    private static void checkNesting(JsonNode data, long[] shape, int depth, String name) {
        if (depth >= shape.length || data.size() != shape[depth]) {
            throw InferenceException.badRequest("input '" + name + "': nested \"data\" does not follow shape "
                    + java.util.Arrays.toString(shape) + ": " + (depth >= shape.length ? "it nests deeper"
                    : "an array at level " + depth + " has " + data.size() + " elements, not " + shape[depth])
                    + "; nest as the shape says, or send the data flat");
        }
        for (JsonNode element : data) {
            if (element.isArray() != (depth < shape.length - 1)) {
                throw InferenceException.badRequest("input '" + name + "': nested \"data\" does not follow shape "
                        + java.util.Arrays.toString(shape) + ": level " + depth + " mixes arrays and values, or "
                        + "stops short; nest as the shape says, or send the data flat");
            }
            if (element.isArray()) {
                checkNesting(element, shape, depth + 1, name);
            }
        }
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
                out[position] = element(element, datatype, name, position);
            }
            position++;
        }
        return position;
    }

    private static double element(JsonNode element, Datatype datatype, String name, int position) {
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
        double value = element.doubleValue();
        if (!inRange(element, value, datatype)) {
            // a number past FP64's range is read as infinity: saying "Infinity" would name no number the client sent
            throw InferenceException.badRequest("input '" + name + "': element " + position + " (row-major) is "
                    + (Double.isInfinite(value) ? "" : element + ", ") + "out of the range of " + datatype + " ("
                    + datatype.describeRange() + ")");
        }
        return value;
    }

    private static boolean inRange(JsonNode number, double value, Datatype datatype) {
        if (!datatype.isInteger()) {
            return datatype.holds(value);
        }
        return number.canConvertToLong() ? datatype.holds(number.longValue())
                : datatype.holds(number.bigIntegerValue());
    }
}
