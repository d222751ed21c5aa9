package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.streamscore.serving.client.GrpcInferenceClient;
import io.streamscore.serving.client.InferenceClient;
import io.streamscore.serving.client.InferenceTransport;
import io.streamscore.serving.client.RemoteCallException;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.streamscore.serving.oip.InferTensorContents;
import io.streamscore.serving.oip.ModelInferRequest;
import io.streamscore.serving.oip.ModelInferRequest.InferInputTensor;
import io.streamscore.serving.oip.ModelInferResponse;
import io.streamscore.serving.oip.ModelMetadataRequest;
import io.streamscore.serving.oip.ModelMetadataResponse;
import io.streamscore.serving.oip.ModelReadyRequest;
import io.streamscore.serving.oip.ServerLiveRequest;
import io.streamscore.serving.oip.ServerMetadataRequest;
import io.streamscore.serving.oip.ServerReadyRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol's gRPC form: {@code serve}'s gRPC port answered by the gRPC client the pipeline uses and, byte by byte,
 * by requests built the way other clients (Triton's) build them: raw and typed contents, one row or a batch, health
 * and metadata, and the status codes of requests that do not fit.
 */
class GrpcInferenceTest extends ServedRegistryTest {
    private static final double[][] ROWS = {{1, 2}, {300, Double.NaN}, {Double.NaN, 7}, {49.99, 23}};
    private static ManagedChannel channel;
    private static GRPCInferenceServiceBlockingStub stub;

    @BeforeAll
    static void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void disconnect() {
        channel.shutdownNow();
    }

    private static GrpcInferenceClient client(Integer version, Duration timeout) {
        return new GrpcInferenceClient(URI.create(server.grpcTarget()), "fraud", version, timeout);
    }

    @Test
    void theClientsScoresEqualTheInProcessModelsAndTheRestClientsBitForBit() throws Exception {
        InferenceTransport.Result rest = new InferenceClient(URI.create(server.url() + "/v2/models/fraud/infer"),
                Duration.ofSeconds(5), false).infer(ROWS, ROWS.length, 2).get();
        try (GrpcInferenceClient client = client(null, Duration.ofSeconds(5))) {
            InferenceTransport.Result grpc = client.infer(ROWS, ROWS.length, 2).get();

            assertThat(grpc.modelVersion()).isEqualTo("1");
            for (int i = 0; i < ROWS.length; i++) {
                assertThat(grpc.scores()[i]).isEqualTo(reference.score(ROWS[i]));
            }
            assertThat(grpc.scores()).containsExactly(rest.scores());
        }
    }

    @Test
    void aPinnedVersionIsTheOneThatScores() throws Exception {
        try (GrpcInferenceClient v1 = client(1, Duration.ofSeconds(5));
             GrpcInferenceClient v2 = client(2, Duration.ofSeconds(5))) {
            double[][] big = {{120, 3}};
            InferenceTransport.Result one = v1.infer(big, 1, 2).get();
            InferenceTransport.Result two = v2.infer(big, 1, 2).get();

            assertThat(two.modelVersion()).isEqualTo("2");
            assertThat(two.scores()[0]).isNotEqualTo(one.scores()[0]);
        }
    }

    @Test
    void typedContentsOfAnyNumericTypeAndOneRowShapesAreScored() {
        ModelInferResponse fp32 = stub.modelInfer(request(input("FP32", 2, 2).setContents(
                InferTensorContents.newBuilder().addFp32Contents(1).addFp32Contents(2).addFp32Contents(300)
                        .addFp32Contents(Float.NaN))).setId("req-7").build());
        ModelInferResponse int64 = stub.modelInfer(request(input("INT64", 2).setContents(
                InferTensorContents.newBuilder().addInt64Contents(300).addInt64Contents(4))).build());

        assertThat(fp32.getId()).isEqualTo("req-7");
        assertThat(fp32.getOutputs(0).getName()).isEqualTo("score");
        assertThat(fp32.getOutputs(0).getDatatype()).isEqualTo("FP64");
        assertThat(fp32.getOutputs(0).getShapeList()).containsExactly(2L);
        assertThat(scores(fp32, 2)).containsExactly(reference.score(new double[] {1, 2}),
                reference.score(new double[] {300, Double.NaN}));
        assertThat(scores(int64, 1)).containsExactly(reference.score(new double[] {300, 4}));
    }

    @Test
    void requestsThatDoNotFitAreRefusedWithInvalidArgumentSayingWhy() {
        assertRefused(request(input("FP64", 1, 3).setContents(fp64(1, 2, 3))), Status.Code.INVALID_ARGUMENT,
                "input 'features': shape [1, 3] does not fit this model; it takes one input 'features' of shape "
                        + "[rows, 2] (features [amount, hour])");
        assertRefused(request(input("FP64", 1, 2).setContents(fp64(1, 2))).addRawInputContents(
                TensorContents.rawFp64(new double[] {1, 2})), Status.Code.INVALID_ARGUMENT,
                "input 'features' has both raw_input_contents and contents; send one");
        assertRefused(request(input("FP64", 1, 2)).addRawInputContents(TensorContents.rawFp64(new double[] {1})),
                Status.Code.INVALID_ARGUMENT, "tensor 'features' has 8 bytes of raw FP64 data; 2 elements take 16");
        assertRefused(request(input("FP64", 1, 2).setContents(fp64(1))), Status.Code.INVALID_ARGUMENT,
                "tensor 'features' has 1 FP64 elements in its contents, not 2");
        assertRefused(request(input("UINT8", 1, 2).setContents(InferTensorContents.newBuilder().addUintContents(7)
                .addUintContents(256))), Status.Code.INVALID_ARGUMENT,
                "tensor 'features': element 1 is 256, out of the range of UINT8 (0 to 255)");
        assertRefused(request(input("INT16", 1, 2).setContents(InferTensorContents.newBuilder().addIntContents(7)
                .addIntContents(-32769))), Status.Code.INVALID_ARGUMENT,
                "tensor 'features': element 1 is -32769, out of the range of INT16 (-32768 to 32767)");
        assertRefused(request(input("BYTES", 1, 2)), Status.Code.INVALID_ARGUMENT,
                "tensor 'features': datatype 'BYTES' is not a numeric tensor datatype");
        assertRefused(request(input("FP64", 1, 2).setContents(fp64(1, 2))).addOutputs(
                ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("probability")),
                Status.Code.INVALID_ARGUMENT, "unknown output 'probability'; this model has one output, 'score'");
        assertRefused(request(input("FP64", 1, 2).setContents(fp64(1, 2))).setModelName("nope"),
                Status.Code.NOT_FOUND, "unknown model 'nope'");
        assertRefused(request(input("FP64", 1, 2).setContents(fp64(1, 2))).setModelVersion("9"),
                Status.Code.NOT_FOUND, "model 'fraud' has no version 9; versions: [1, 2]");
    }

    @Test
    void healthAndMetadataDescribeTheServedModels() {
        assertThat(stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(stub.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName()).isEqualTo("streamscore");
        assertThat(stub.modelReady(ModelReadyRequest.newBuilder().setName("fraud").setVersion("2").build())
                .getReady()).isTrue();
        ModelMetadataResponse metadata = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("fraud")
                .build());
        assertThat(metadata.getVersionsList()).containsExactly("1", "2");
        assertThat(metadata.getPlatform()).isEqualTo("streamscore_xgboost_json");
        assertThat(metadata.getInputs(0).getName()).isEqualTo("features");
        assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 2L);
        assertThat(metadata.getOutputs(0).getShapeList()).containsExactly(-1L);
        assertThatThrownBy(() -> stub.modelReady(ModelReadyRequest.newBuilder().setName("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void theClientSaysWhetherARetryMayHelp() throws Exception {
        RemoteCallException refused = callFailure(new GrpcInferenceClient(URI.create(server.grpcTarget()), "nope",
                null, Duration.ofSeconds(5)));
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).startsWith("gRPC NOT_FOUND: unknown model 'nope'");

        RemoteCallException late = callFailure(client(null, Duration.ofNanos(1)));
        assertThat(late.timeout()).isTrue();
        assertThat(late.retryable()).isTrue();
        assertThat(late.getMessage()).startsWith("timed out: DEADLINE_EXCEEDED");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RemoteCallException down = callFailure(new GrpcInferenceClient(URI.create("grpc://127.0.0.1:" + closedPort),
                "fraud", null, Duration.ofSeconds(5)));
        assertThat(down.retryable()).isTrue();
        assertThat(down.timeout()).isFalse();
        assertThat(down.getMessage()).startsWith("gRPC UNAVAILABLE");
    }

    private static RemoteCallException callFailure(GrpcInferenceClient client) throws InterruptedException {
        try (client) {
            client.infer(ROWS, ROWS.length, 2).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RemoteCallException.class);
            return (RemoteCallException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call neither answered nor failed in 30 s", e);
        }
        throw new AssertionError("the call succeeded");
    }

    private static ModelInferRequest.Builder request(InferInputTensor.Builder input) {
        return ModelInferRequest.newBuilder().setModelName("fraud").addInputs(input);
    }

    private static InferInputTensor.Builder input(String datatype, long... shape) {
        InferInputTensor.Builder input = InferInputTensor.newBuilder().setName("features").setDatatype(datatype);
        for (long dim : shape) {
            input.addShape(dim);
        }
        return input;
    }

    private static InferTensorContents.Builder fp64(double... values) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (double value : values) {
            contents.addFp64Contents(value);
        }
        return contents;
    }

    private static double[] scores(ModelInferResponse response, int count) {
        double[] scores = new double[count];
        TensorContents.readRaw("score", response.getOutputs(0).getDatatype(), response.getRawOutputContents(0),
                scores);
        return scores;
    }

    private static void assertRefused(ModelInferRequest.Builder request, Status.Code code, String message) {
        assertThatThrownBy(() -> stub.modelInfer(request.build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(code);
                    assertThat(e.getStatus().getDescription()).startsWith(message);
                });
    }
}
