package io.streamscore.serving.client;

import static io.streamscore.serving.client.SklearnOnTriton.INPUT;
import static io.streamscore.serving.client.SklearnOnTriton.LABEL;
import static io.streamscore.serving.client.SklearnOnTriton.PROBABILITIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.ModelManifest;
import io.streamscore.serving.Datatype;
import io.streamscore.serving.ServingFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remote scorer against a model served under its own tensor names ({@link SklearnOnTriton}, a test double for
 * Triton serving a scikit-learn classifier converted to ONNX), over REST with JSON, REST with binary data and gRPC:
 * {@code input}, {@code datatype}, {@code output} and {@code output_column} make it score, each one missing is
 * refused as Triton refuses it, and the preflight check names the key to set.
 */
class ForeignModelServerTest {
    private static final double[][] ROWS = {{120, 3}, {10, 22}, {499.5, 0}, {75, 12}};
    private static final RemoteTensors SKLEARN = new RemoteTensors(INPUT, Datatype.FP32, PROBABILITIES, 1);
    private static SklearnOnTriton server;
    private static ModelManifest manifest;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = new SklearnOnTriton();
        manifest = ServingFixtures.registry(dir).manifest(ServingFixtures.MODEL, 1);
        assertThat(manifest.featureNames()).hasSize(2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RemoteScoringConfig config(String transport, RemoteTensors tensors) {
        String url = "gRPC".equals(transport) ? server.grpcUrl() : server.restUrl();
        return RemoteScoringConfig.defaults(url, SklearnOnTriton.MODEL).withBinaryData(transport.endsWith("binary"))
                .withTensors(tensors);
    }

    private static double[] score(RemoteScoringConfig config) throws Exception {
        try (InferenceTransport transport = InferenceTransport.open(config)) {
            return transport.infer(ROWS, ROWS.length, 2).get(10, TimeUnit.SECONDS).scores();
        }
    }

    private static RemoteCallException failure(RemoteScoringConfig config) throws Exception {
        try {
            score(config);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RemoteCallException.class);
            return (RemoteCallException) e.getCause();
        }
        throw new AssertionError("scored");
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "REST binary", "gRPC"})
    void theNamedOutputsColumnIsTheScoreWithRowsSentAsFloats(String transport) throws Exception {
        double[] scores = score(config(transport, SKLEARN));

        for (int r = 0; r < ROWS.length; r++) {
            assertThat(scores[r]).as("row %d", r).isEqualTo(SklearnOnTriton.probability(ROWS[r][0], ROWS[r][1]));
        }
        double[] labels = score(config(transport, new RemoteTensors(INPUT, Datatype.FP32, LABEL, null)));
        for (int r = 0; r < ROWS.length; r++) {
            assertThat(labels[r]).isEqualTo(scores[r] >= 0.5 ? 1.0 : 0.0);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "REST binary", "gRPC"})
    void eachMissingSettingFailsWithoutRetryNamingWhatIsWrong(String transport) throws Exception {
        RemoteCallException name = failure(config(transport, RemoteTensors.DEFAULT));
        RemoteCallException datatype = failure(config(transport,
                new RemoteTensors(INPUT, Datatype.FP64, PROBABILITIES, 1)));
        RemoteCallException column = failure(config(transport,
                new RemoteTensors(INPUT, Datatype.FP32, PROBABILITIES, null)));
        RemoteCallException output = failure(config(transport, new RemoteTensors(INPUT, Datatype.FP32, "score", 0)));

        assertThat(name.retryable()).isFalse();
        assertThat(name.getMessage()).contains("unexpected inference input 'features' for model 'sk'");
        assertThat(datatype.getMessage()).contains("unexpected datatype FP64 for inference input 'float_input'");
        assertThat(column.retryable()).isFalse();
        assertThat(column.getMessage()).contains("output 'probabilities' has 2 values per row; set "
                + "model.remote.output_column");
        assertThat(output.getMessage()).contains("no output");
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void thePreflightNamesTheKeyToSet(String transport) {
        Duration timeout = Duration.ofSeconds(5);

        assertThat(RemoteModelCheck.check(config(transport, RemoteTensors.DEFAULT), manifest, timeout)).get()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("model.remote.input");
                    assertThat(p.reason()).contains("takes input 'float_input' (FP32 [-1, 2]), but the pipeline "
                            + "sends one input 'features' of shape [rows, 2]");
                });
        assertThat(RemoteModelCheck.check(config(transport, new RemoteTensors(INPUT, Datatype.FP64, null, null)),
                manifest, timeout)).get().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("model.remote.datatype");
                    assertThat(p.reason()).contains("set `model.remote.datatype: FP32`");
                });
        assertThat(RemoteModelCheck.check(config(transport,
                new RemoteTensors(INPUT, Datatype.FP32, PROBABILITIES, null)), manifest, timeout)).get()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("model.remote.output_column");
                    assertThat(p.reason()).contains("output 'probabilities' (FP32 [-1, 2]), 2 values per row");
                });
        assertThat(RemoteModelCheck.check(config(transport, new RemoteTensors(INPUT, Datatype.FP32, "score", 0)),
                manifest, timeout)).get().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("model.remote.output");
                    assertThat(p.reason()).contains("has no output 'score' (it has outputs 'label' (INT64 [-1]), "
                            + "'probabilities' (FP32 [-1, 2]))");
                });
        assertThat(RemoteModelCheck.check(config(transport, SKLEARN), manifest, timeout)).isEmpty();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "REST binary", "gRPC"})
    void aServerThatAnswersForFewerRowsThanAskedFailsTheBatchSayingSo(String transport) throws Exception {
        server.rowsAnswered = 2;
        try {
            RemoteCallException column0 = failure(config(transport,
                    new RemoteTensors(INPUT, Datatype.FP32, PROBABILITIES, 0)));
            RemoteCallException column1 = failure(config(transport, SKLEARN));

            assertThat(column0.retryable()).isFalse();
            assertThat(column0.getMessage()).contains("output 'probabilities' has shape [2, 2]: the server answered "
                    + "for 2 rows, not the 4 asked");
            assertThat(column1.getMessage()).contains("the server answered for 2 rows, not the 4 asked");
        } finally {
            server.rowsAnswered = 0;
        }
    }

    /** A model without imputation answers NaN for a missing value: that row is the fallback's, flagged. */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST binary", "gRPC"})
    void aRowTheModelAnswersNaNForIsScoredByTheFallbackAndFlagged(String transport) throws Exception {
        RemoteScoringConfig config = config(transport, SKLEARN).withBatching(2, Duration.ofSeconds(1), 1);
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config, 2, FallbackScorer.constant(-1))) {
            CompletableFuture<RemoteScore> known = scorer.score(new double[] {120, 3});
            CompletableFuture<RemoteScore> missing = scorer.score(new double[] {Double.NaN, 3});

            assertThat(known.get(10, TimeUnit.SECONDS))
                    .isEqualTo(new RemoteScore(SklearnOnTriton.probability(120, 3), "1", false));
            assertThat(missing.get(10, TimeUnit.SECONDS)).isEqualTo(new RemoteScore(-1, null, true));
            assertThat(scorer.stats().requests()).isEqualTo(1);
            assertThat(scorer.stats().fallbacks()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "REST binary", "gRPC"})
    void theSpecsHeadersGoWithEveryRequestThePreflightsToo(String transport) throws Exception {
        RemoteScoringConfig config = config(transport, SKLEARN).withHeaders(Map.of("Authorization", "Bearer t0k3n"));

        server.lastAuthorization = null;
        score(config);
        assertThat(server.lastAuthorization).isEqualTo("Bearer t0k3n");
        server.lastAuthorization = null;
        assertThat(RemoteModelCheck.check(config, manifest, Duration.ofSeconds(5))).isEmpty();
        assertThat(server.lastAuthorization).isEqualTo("Bearer t0k3n");
        score(config(transport, SKLEARN));
        assertThat(server.lastAuthorization).as("without headers").isNull();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void credentialsTheServerRefusesAreNamedByThePreflight(String transport) {
        server.requiredAuthorization = "Bearer right";
        try {
            assertThat(RemoteModelCheck.check(config(transport, SKLEARN).withHeaders(Map.of("Authorization",
                    "Bearer wrong")), manifest, Duration.ofSeconds(5))).get().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("model.remote.headers");
                        assertThat(p.reason()).contains("refused the request", "no valid token")
                                .doesNotContain("none are set", "wrong");
                    });
            assertThat(RemoteModelCheck.check(config(transport, SKLEARN), manifest, Duration.ofSeconds(5))).get()
                    .satisfies(p -> assertThat(p.reason()).endsWith("(none are set)"));
            assertThat(RemoteModelCheck.check(config(transport, SKLEARN).withHeaders(Map.of("Authorization",
                    "Bearer right")), manifest, Duration.ofSeconds(5))).isEmpty();
        } finally {
            server.requiredAuthorization = null;
        }
    }
}
