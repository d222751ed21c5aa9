package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.serving.oip.InferTensorContents;
import io.streamscore.serving.oip.ModelInferRequest;
import io.streamscore.serving.oip.ModelInferRequest.InferInputTensor;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests against one {@code streamscore serve} of {@link ServingFixtures#registry} on free loopback ports (REST and
 * gRPC), started once per test class, with the in-process scorer of {@code fraud} v1 to check its answers against,
 * and the HTTP calls and checks of the REST form.
 */
abstract class ServedRegistryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    static InferenceServer server;
    static Scorer reference;

    @BeforeAll
    static void start() throws Exception {
        ModelRegistry registry = ServingFixtures.registry(dir);
        server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0), registry, List.of());
        reference = XGBoostJsonModel.load(new ByteArrayInputStream(registry.modelBytes("fraud", 1))).scorer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(postRequest(path, body), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest postRequest(String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** The body of a JSON answer with {@code status}. */
    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    /** A REST {@code infer} body of {@code data} (a JSON list of values) as {@code rows} rows. */
    static String inferBody(String data, int rows) {
        return """
                {"inputs": [{"name": "features", "datatype": "FP64", "shape": [%d, %s], "data": %s}]}
                """.formatted(rows, data.split(",").length / rows, data);
    }

    /** A {@code ModelInfer} of {@code values} as {@code rows} rows for {@code model}, as Triton's clients build it. */
    static ModelInferRequest.Builder modelInfer(String model, int rows, double... values) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (double value : values) {
            contents.addFp64Contents(value);
        }
        return ModelInferRequest.newBuilder().setModelName(model).addInputs(InferInputTensor.newBuilder()
                .setName("features").setDatatype("FP64").addShape(rows).addShape(values.length / rows)
                .setContents(contents));
    }

    /** The message of the protocol's error body, {@code {"error": "..."}}, answered with {@code status}. */
    static String error(HttpResponse<String> response, int status) throws Exception {
        JsonNode body = json(response, status);
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        return body.get("error").asText();
    }
}
