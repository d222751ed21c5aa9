package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.TinyOnnxGraphs;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.streamscore.serving.oip.InferTensorContents;
import io.streamscore.serving.oip.ModelInferRequest;
import io.streamscore.serving.oip.ModelInferRequest.InferInputTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model that throws while scoring a well-formed request is the server's failure: 500 over REST and
 * {@code INTERNAL} over gRPC, with the same message naming the model, the version and the failure, and no stack
 * trace; a request that does not fit the model stays a 400 / {@code INVALID_ARGUMENT}. Before, both were 400s, which
 * told the client its request was wrong. The failing model is real: an ONNX graph that declares any number of rows
 * but reshapes its input to one row, so ONNX Runtime fails on a batch of two (and scores one, as its self-check does).
 */
class ModelFailureAnswersTest extends ServedRegistryTest {
    private static final String MODEL = "one_row";
    private static final String FAILURE = "model 'one_row' version 1 failed scoring the request: "
            + "java.lang.IllegalStateException: ONNX Runtime failed to score 2 rows: ";
    private static ManagedChannel channel;
    private static GRPCInferenceServiceBlockingStub stub;

    @BeforeAll
    static void registerFailingModelAndConnect() throws Exception {
        Path file = Files.write(dir.resolve("one-row.onnx"), TinyOnnxGraphs.oneRowOnly());
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        // the score is the second feature: the self-check row {120, 3} scores 3
        ServingFixtures.register(registry, MODEL, file, ModelFormat.ONNX, 3);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void aModelFailingAtRunTimeAnswers500NamingModelVersionAndFailureThenServesTheNextRequest() throws Exception {
        String message = error(post(infer(), rows("[1, 2, 3, 4]", 2)), 500);

        assertThat(message).startsWith(FAILURE).contains("invalid dimensions for output: y")
                .doesNotContain("\tat ", "at ai.onnxruntime");
        assertThat(json(post(infer(), rows("[120, 3]", 1)), 200).at("/outputs/0/data/0").asDouble()).isEqualTo(3);
    }

    @Test
    void overGrpcTheSameFailureIsInternalWithTheRestMessage() throws Exception {
        String rest = error(post(infer(), rows("[1, 2, 3, 4]", 2)), 500);

        assertThatThrownBy(() -> stub.modelInfer(request(2, 1, 2, 3, 4).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).isEqualTo(rest);
                });
        assertThat(stub.modelInfer(request(1, 120, 3).build()).getRawOutputContentsCount()).isEqualTo(1);
    }

    @Test
    void aRequestThatDoesNotFitTheFailingModelIsStillRefusedAsTheClients() throws Exception {
        assertThat(error(post(infer(), rows("[1, 2, 3]", 1)), 400)).startsWith("input 'features': ");

        assertThatThrownBy(() -> stub.modelInfer(request(1, 1, 2, 3).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static String infer() {
        return "/v2/models/" + MODEL + "/infer";
    }

    private static String rows(String data, int rows) {
        return """
                {"inputs": [{"name": "features", "datatype": "FP64", "shape": [%d, %s], "data": %s}]}
                """.formatted(rows, data.split(",").length / rows, data);
    }

    /** A {@code ModelInfer} of {@code values} as {@code rows} rows, as Triton's clients build it. */
    private static ModelInferRequest.Builder request(int rows, double... values) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (double value : values) {
            contents.addFp64Contents(value);
        }
        return ModelInferRequest.newBuilder().setModelName(MODEL).addInputs(InferInputTensor.newBuilder()
                .setName("features").setDatatype("FP64").addShape(rows).addShape(values.length / rows)
                .setContents(contents));
    }
}
