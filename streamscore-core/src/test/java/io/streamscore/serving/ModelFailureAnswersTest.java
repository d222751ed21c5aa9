package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/**
 * A model that throws while scoring a well-formed request is the server's failure: 500 over REST and
 * {@code INTERNAL} over gRPC, with the same message naming the model, the version and the failure, and no stack
 * trace; a request that does not fit the model stays a 400 / {@code INVALID_ARGUMENT}. Before, both were 400s, which
 * told the client its request was wrong. The failing model is real: an ONNX graph that declares any number of rows
 * but reshapes its input to one row, so ONNX Runtime fails on a batch of two (and scores one, as its self-check does).
 */
class ModelFailureAnswersTest extends FailingModelServedTest {
    private static final String MODEL = FAILING;
    private static final String FAILURE = "model 'one_row' version 1 failed scoring the request: "
            + "java.lang.IllegalStateException: ONNX Runtime failed to score 2 rows: ";

    @Test
    void aModelFailingAtRunTimeAnswers500NamingModelVersionAndFailureThenServesTheNextRequest() throws Exception {
        String message = error(post(infer(), inferBody("[1, 2, 3, 4]", 2)), 500);

        assertThat(message).startsWith(FAILURE).contains("invalid dimensions for output: y")
                .doesNotContain("\tat ", "at ai.onnxruntime");
        assertThat(json(post(infer(), inferBody("[120, 3]", 1)), 200).at("/outputs/0/data/0").asDouble())
                .isEqualTo(3);
    }

    @Test
    void overGrpcTheSameFailureIsInternalWithTheRestMessage() throws Exception {
        String rest = error(post(infer(), inferBody("[1, 2, 3, 4]", 2)), 500);

        assertThatThrownBy(() -> stub.modelInfer(modelInfer(MODEL, 2, 1, 2, 3, 4).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).isEqualTo(rest);
                });
        assertThat(stub.modelInfer(modelInfer(MODEL, 1, 120, 3).build()).getRawOutputContentsCount()).isEqualTo(1);
    }

    @Test
    void aRequestThatDoesNotFitTheFailingModelIsStillRefusedAsTheClients() throws Exception {
        assertThat(error(post(infer(), inferBody("[1, 2, 3]", 1)), 400)).startsWith("input 'features': ");

        assertThatThrownBy(() -> stub.modelInfer(modelInfer(MODEL, 1, 1, 2, 3).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static String infer() {
        return "/v2/models/" + MODEL + "/infer";
    }
}
