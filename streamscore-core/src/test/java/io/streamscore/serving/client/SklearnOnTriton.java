package io.streamscore.serving.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.streamscore.serving.BinaryTensors;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc;
import io.streamscore.serving.oip.ModelInferRequest;
import io.streamscore.serving.oip.ModelInferResponse;
import io.streamscore.serving.oip.ModelMetadataRequest;
import io.streamscore.serving.oip.ModelMetadataResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A TEST DOUBLE for a model Streamscore cannot run here: a scikit-learn classifier converted to ONNX and served by
 * Triton (no Docker, no PyPI on this machine). It answers the Open Inference Protocol over REST (JSON and binary
 * tensor data) and gRPC as Triton does for such a model: one input {@value #INPUT} that must be FP32 {@code [-1, 2]},
 * two outputs {@value #LABEL} (INT64 {@code [-1]}) and {@value #PROBABILITIES} (FP32 {@code [-1, 2]}: the classes'
 * probabilities), every output unless the request names some, and Triton's refusals of another input name or
 * datatype. The positive class's probability is {@link #probability}.
 */
final class SklearnOnTriton implements AutoCloseable {
    static final String MODEL = "sk";
    static final String INPUT = "float_input";
    static final String LABEL = "label";
    static final String PROBABILITIES = "probabilities";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final Server grpc;
    /** The {@code Authorization} header (REST) or metadata (gRPC) of the last request, null when it had none. */
    volatile String lastAuthorization;
    /** When set, requests without this {@code Authorization} are refused: 401, or {@code UNAUTHENTICATED}. */
    volatile String requiredAuthorization;
    /** When above 0, the server answers for only this many of the rows asked (a broken server). */
    volatile int rowsAnswered;

    SklearnOnTriton() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.createContext("/", this::handle);
        http.start();
        ServerInterceptor authorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                lastAuthorization = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
                if (requiredAuthorization != null && !requiredAuthorization.equals(lastAuthorization)) {
                    call.close(Status.UNAUTHENTICATED.withDescription("no valid token"), new Metadata());
                    return new ServerCall.Listener<>() { };
                }
                return next.startCall(call, headers);
            }
        };
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Grpc(), authorization)).build().start();
    }

    String restUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    String grpcUrl() {
        return "grpc://127.0.0.1:" + grpc.getPort();
    }

    /** The positive class's probability for a row, computed in float as the model would. */
    static float probability(double amount, double hour) {
        float x = (float) amount * 0.01f - (float) hour * 0.1f;
        return 1 / (1 + (float) Math.exp(-x));
    }

    /** The rows' outputs: labels, then probabilities row-major (for {@link #rowsAnswered} rows when it is set). */
    private double[][] outputs(float[] features) {
        int rows = rowsAnswered > 0 ? Math.min(rowsAnswered, features.length / 2) : features.length / 2;
        double[] labels = new double[rows];
        double[] probabilities = new double[rows * 2];
        for (int r = 0; r < rows; r++) {
            float p = probability(features[2 * r], features[2 * r + 1]);
            labels[r] = p >= 0.5f ? 1 : 0;
            probabilities[2 * r] = 1 - p;
            probabilities[2 * r + 1] = p;
        }
        return new double[][] {labels, probabilities};
    }

    /** Triton's refusal of an input it does not have or of another datatype; null when it fits. */
    private static String refusal(String name, String datatype) {
        if (!INPUT.equals(name)) {
            return "unexpected inference input '" + name + "' for model '" + MODEL + "'";
        }
        return "FP32".equals(datatype) ? null : "unexpected datatype " + datatype + " for inference input '" + INPUT
                + "', expecting FP32";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (requiredAuthorization != null && !requiredAuthorization.equals(lastAuthorization)) {
                send(exchange, 401, JSON.writeValueAsBytes(JSON.createObjectNode().put("error", "no valid token")),
                        null);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("GET".equals(exchange.getRequestMethod())) {
                send(exchange, 200, JSON.writeValueAsBytes(JSON.readTree("""
                        {"name": "sk", "versions": ["1"], "platform": "onnxruntime_onnx",
                         "inputs": [{"name": "float_input", "datatype": "FP32", "shape": [-1, 2]}],
                         "outputs": [{"name": "label", "datatype": "INT64", "shape": [-1]},
                                     {"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]}]}""")), null);
                return;
            }
            String headerLength = exchange.getRequestHeaders().getFirst(BinaryTensors.HEADER_LENGTH);
            int jsonLength = headerLength == null ? body.length : Integer.parseInt(headerLength);
            JsonNode request = JSON.readTree(body, 0, jsonLength);
            JsonNode input = request.path("inputs").path(0);
            String refused = refusal(input.path("name").asText(), input.path("datatype").asText());
            if (refused != null) {
                send(exchange, 400, JSON.writeValueAsBytes(JSON.createObjectNode().put("error", refused)), null);
                return;
            }
            float[] features = new float[(int) (input.path("shape").path(0).asLong() * 2)];
            if (headerLength != null) {
                ByteBuffer.wrap(body, jsonLength, body.length - jsonLength).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().get(features);
            } else {
                for (int i = 0; i < features.length; i++) {
                    features[i] = input.path("data").get(i).floatValue();
                }
            }
            respond(exchange, request, outputs(features));
        }
    }

    private static void respond(HttpExchange exchange, JsonNode request, double[][] values) throws IOException {
        List<String> wanted = new ArrayList<>();
        boolean binary = request.path("parameters").path(BinaryTensors.BINARY_DATA_OUTPUT).asBoolean(false);
        for (JsonNode output : request.path("outputs")) {
            wanted.add(output.path("name").asText());
            binary |= output.path("parameters").path(BinaryTensors.BINARY_DATA).asBoolean(false);
        }
        ObjectNode response = JSON.createObjectNode().put("model_name", MODEL).put("model_version", "1");
        ArrayNode outputs = response.putArray("outputs");
        ByteBuffer data = ByteBuffer.allocate(values[0].length * 8 + values[1].length * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        String[] names = {LABEL, PROBABILITIES};
        for (int k = 0; k < 2; k++) {
            if (!wanted.isEmpty() && !wanted.contains(names[k])) {
                continue;
            }
            ObjectNode output = outputs.addObject().put("name", names[k]).put("datatype", k == 0 ? "INT64" : "FP32");
            output.putArray("shape").add(values[0].length);
            if (k == 1) {
                ((ArrayNode) output.get("shape")).add(2);
            }
            if (binary) {
                output.putObject("parameters").put(BinaryTensors.DATA_SIZE, values[k].length * (k == 0 ? 8 : 4));
                for (double value : values[k]) {
                    if (k == 0) {
                        data.putLong((long) value);
                    } else {
                        data.putFloat((float) value);
                    }
                }
            } else {
                ArrayNode array = output.putArray("data");
                for (double value : values[k]) {
                    array.add(k == 0 ? (long) value : (float) value);
                }
            }
        }
        byte[] header = JSON.writeValueAsBytes(response);
        send(exchange, 200, header, binary ? data.flip() : null);
    }

    private static void send(HttpExchange exchange, int status, byte[] json, ByteBuffer binary) throws IOException {
        byte[] body = json;
        if (binary != null) {
            exchange.getResponseHeaders().set(BinaryTensors.HEADER_LENGTH, Integer.toString(json.length));
            body = java.util.Arrays.copyOf(json, json.length + binary.remaining());
            binary.get(body, json.length, binary.remaining());
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private final class Grpc extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
        @Override
        public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
            ModelInferRequest.InferInputTensor input = request.getInputs(0);
            String refused = refusal(input.getName(), input.getDatatype());
            if (refused != null) {
                observer.onError(Status.INVALID_ARGUMENT.withDescription(refused).asRuntimeException());
                return;
            }
            float[] features = new float[request.getRawInputContents(0).size() / 4];
            request.getRawInputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(features);
            double[][] values = outputs(features);
            List<String> wanted = request.getOutputsList().stream()
                    .map(ModelInferRequest.InferRequestedOutputTensor::getName).toList();
            ModelInferResponse.Builder response = ModelInferResponse.newBuilder().setModelName(MODEL)
                    .setModelVersion("1");
            if (wanted.isEmpty() || wanted.contains(LABEL)) {
                ByteBuffer labels = ByteBuffer.allocate(values[0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (double label : values[0]) {
                    labels.putLong((long) label);
                }
                response.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName(LABEL)
                        .setDatatype("INT64").addShape(values[0].length))
                        .addRawOutputContents(ByteString.copyFrom(labels.flip()));
            }
            if (wanted.isEmpty() || wanted.contains(PROBABILITIES)) {
                ByteBuffer probabilities = ByteBuffer.allocate(values[1].length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (double p : values[1]) {
                    probabilities.putFloat((float) p);
                }
                response.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName(PROBABILITIES)
                        .setDatatype("FP32").addShape(values[0].length).addShape(2))
                        .addRawOutputContents(ByteString.copyFrom(probabilities.flip()));
            }
            observer.onNext(response.build());
            observer.onCompleted();
        }

        @Override
        public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
            observer.onNext(ModelMetadataResponse.newBuilder().setName(MODEL).addVersions("1")
                    .setPlatform("onnxruntime_onnx")
                    .addInputs(tensor(INPUT, "FP32", -1, 2))
                    .addOutputs(tensor(LABEL, "INT64", -1))
                    .addOutputs(tensor(PROBABILITIES, "FP32", -1, 2)).build());
            observer.onCompleted();
        }

        private static ModelMetadataResponse.TensorMetadata tensor(String name, String datatype, long... shape) {
            ModelMetadataResponse.TensorMetadata.Builder tensor = ModelMetadataResponse.TensorMetadata.newBuilder()
                    .setName(name).setDatatype(datatype);
            for (long dim : shape) {
                tensor.addShape(dim);
            }
            return tensor.build();
        }
    }

    @Override
    public void close() {
        grpc.shutdownNow();
        http.stop(0);
    }
}
