package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.scoring.XGBoostToOnnx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} loads versions as the pipeline does ({@code ModelLoader}): an ONNX version serves with the same scores
 * as its XGBoost source, and a version whose self-check disagrees is refused with 503 naming the failed row (also a
 * model's default version at start: the server starts and serves the other models).
 */
class ServedModelLoadingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ROWS = """
            {"inputs": [{"name": "features", "shape": [2, 2], "datatype": "FP64", "data": [[120, 3], [20, 9]]}]}""";

    @TempDir
    Path dir;

    @Test
    void onnxVersionServesTheScoresOfItsXGBoostSource() throws Exception {
        ModelRegistry registry = ServingFixtures.registry(dir); // versions 1 and 2, XGBoost JSON
        Path json = dir.resolve("source.json");
        Files.writeString(json, ServingFixtures.modelJson(100, 0.8));
        Path onnx = dir.resolve("model.onnx");
        XGBoostToOnnx.convert(json, onnx);
        double expected = XGBoostJsonModel.load(json).scorer().score(ServingFixtures.SELF_CHECK_ROW);
        ServingFixtures.register(registry, onnx, ModelFormat.ONNX, expected); // version 3
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0), registry, List.of())) {
            JsonNode onnxScores = infer(server, "/v2/models/fraud/versions/3/infer", 200).get("outputs").get(0);
            JsonNode jsonScores = infer(server, "/v2/models/fraud/versions/1/infer", 200).get("outputs").get(0);
            assertThat(onnxScores.get("data").get(0).doubleValue())
                    .isCloseTo(jsonScores.get("data").get(0).doubleValue(), offset(1e-6));
            assertThat(onnxScores.get("data").get(1).doubleValue())
                    .isCloseTo(jsonScores.get("data").get(1).doubleValue(), offset(1e-6));
            assertThat(get(server, "/v2/models/fraud/versions/3").get("platform").asText())
                    .isEqualTo("streamscore_onnx");
            assertThat(get(server, "/v2/models/fraud/versions/1").get("platform").asText())
                    .isEqualTo("streamscore_xgboost_json");
        }
    }

    @Test
    void versionWhoseSelfCheckDisagreesIsRefusedWith503() throws Exception {
        ModelRegistry registry = ServingFixtures.registry(dir);
        Path json = dir.resolve("source.json");
        Files.writeString(json, ServingFixtures.modelJson(100, 0.8));
        ServingFixtures.register(registry, json, ModelFormat.XGBOOST_JSON, 0.123); // version 3, wrong expectation
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0), registry, List.of())) {
            JsonNode error = infer(server, "/v2/models/fraud/versions/3/infer", 503);
            assertThat(error.get("error").asText()).contains("version 3", "self-check failed", "row 0");
            infer(server, "/v2/models/fraud/infer", 200); // the champion still serves
        }
    }

    @Test
    void aModelWhoseDefaultVersionIsRefusedAnswers503AndTheOtherModelsServe() throws Exception {
        ModelRegistry registry = ServingFixtures.registry(dir);
        Path json = dir.resolve("broken.json");
        Files.writeString(json, ServingFixtures.modelJson(100, 0.8));
        ServingFixtures.register(registry, "broken", json, ModelFormat.XGBOOST_JSON, 0.123); // its only version
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0), registry, List.of())) {
            JsonNode error = infer(server, "/v2/models/broken/infer", 503);
            assertThat(error.get("error").asText()).contains("model 'broken' version 1", "self-check failed");
            infer(server, "/v2/models/fraud/infer", 200);
        }
    }

    @Test
    void aModelWhoseRolloutStateIsUnreadableAnswers503AndTheOtherModelsServe() throws Exception {
        ModelRegistry registry = ServingFixtures.registry(dir);
        Path json = dir.resolve("other.json");
        Files.writeString(json, ServingFixtures.modelJson(100, 0.8));
        ServingFixtures.register(registry, "other", json, ModelFormat.XGBOOST_JSON,
                XGBoostJsonModel.load(json).scorer().score(ServingFixtures.SELF_CHECK_ROW));
        Files.writeString(registry.root().resolve("other").resolve("registry.json"), "{\"champion\": "); // cut short
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0), registry, List.of())) {
            JsonNode error = infer(server, "/v2/models/other/infer", 503);
            assertThat(error.get("error").asText()).contains("model 'other'", "registry.json", "not valid JSON");
            infer(server, "/v2/models/other/versions/1/infer", 200); // a version named needs no rollout state
            infer(server, "/v2/models/fraud/infer", 200);
        }
    }

    private static JsonNode infer(InferenceServer server, String path, int status) throws Exception {
        return send(server, HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(ROWS)).build(), status);
    }

    private static JsonNode get(InferenceServer server, String path) throws Exception {
        return send(server, HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(), 200);
    }

    private static JsonNode send(InferenceServer server, HttpRequest request, int status) throws Exception {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of %s: %s", request.uri(), response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
