package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.serving.client.InferenceClient;
import io.streamscore.serving.client.InferenceTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binary tensor data extension on {@code streamscore serve} and the remote scorer's client: requests built byte
 * by byte the way Triton's clients send them (a JSON header, then little-endian tensor data), binary and JSON
 * answers, the refusals of data that does not fit, and the client's binary path against its JSON path.
 */
class BinaryTensorDataTest extends ServedRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INFER = "/v2/models/fraud/infer";

    @Test
    void fp32BinaryInputIsScoredAndTheScoresComeBackAsBinaryFp64() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1).putFloat(2).putFloat(300).putFloat(Float.NaN);
        String header = """
                {"id": "7", "inputs": [{"name": "features", "shape": [2, 2], "datatype": "FP32",
                  "parameters": {"binary_data_size": 16}}],
                 "outputs": [{"name": "score", "parameters": {"binary_data": true}}]}""";
        HttpResponse<byte[]> response = post(header, data.array(), header.getBytes(StandardCharsets.UTF_8).length);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        int length = Integer.parseInt(response.headers().firstValue(BinaryTensors.HEADER_LENGTH).orElseThrow());
        JsonNode json = JSON.readTree(Arrays.copyOf(response.body(), length));
        assertThat(json.get("id").asText()).isEqualTo("7");
        JsonNode output = json.get("outputs").get(0);
        assertThat(output.has("data")).isFalse();
        assertThat(output.get("parameters").get("binary_data_size").asInt()).isEqualTo(16);
        ByteBuffer scores = ByteBuffer.wrap(response.body(), length, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(scores.getDouble()).isEqualTo(reference.score(new double[] {1, 2}));
        assertThat(scores.getDouble()).isEqualTo(reference.score(new double[] {300, Double.NaN}));
        assertThat(response.body()).hasSize(length + 16);
    }

    @Test
    void binaryInputWithoutBinaryOutputIsAnsweredInJson() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(300).putDouble(4);
        String header = "{\"inputs\": [{\"name\": \"features\", \"shape\": [1, 2], \"datatype\": \"FP64\","
                + " \"parameters\": {\"binary_data_size\": 16}}]}";
        HttpResponse<byte[]> response = post(header, data.array(), header.length());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(BinaryTensors.HEADER_LENGTH)).isEmpty();
        assertThat(JSON.readTree(response.body()).at("/outputs/0/data/0").doubleValue())
                .isEqualTo(reference.score(new double[] {300, 4}));
    }

    @Test
    void binaryDataThatDoesNotFitIsRefusedSayingWhy() throws Exception {
        String sized = "{\"inputs\": [{\"name\": \"features\", \"shape\": [1, 2], \"datatype\": \"FP64\","
                + " \"parameters\": {\"binary_data_size\": %d}}]}";
        assertThat(error(post(sized.formatted(12), new byte[12], sized.formatted(12).length())))
                .isEqualTo("input 'features': binary_data_size 12 does not fit shape [1, 2] of FP64 (16 bytes)");
        assertThat(error(post(sized.formatted(16), new byte[8], sized.formatted(16).length())))
                .isEqualTo("input 'features': binary_data_size is 16 bytes but the body ends first");
        assertThat(error(post(sized.formatted(16), new byte[20], sized.formatted(16).length())))
                .isEqualTo("the body has 4 bytes after the binary data its inputs declare (binary_data_size)");
        assertThat(error(post(sized.formatted(16), new byte[16], 10_000))).startsWith(
                "Inference-Header-Content-Length '10000' is not a length within the body's");
        HttpResponse<byte[]> noHeader = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + INFER))
                .POST(HttpRequest.BodyPublishers.ofString(sized.formatted(16))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(error(noHeader)).isEqualTo("input 'features' has binary_data_size but the request has no "
                + "Inference-Header-Content-Length header saying where its JSON ends");
    }

    @Test
    void theClientsBinaryPathGivesTheSameScoresAsItsJsonPathMissingValuesIncluded() throws Exception {
        double[][] rows = {{1, 2}, {300, Double.NaN}, {Double.NaN, 7}, {49.99, 23}};
        URI infer = URI.create(server.url() + INFER);
        InferenceTransport.Result binary = new InferenceClient(infer, Duration.ofSeconds(5), true)
                .infer(rows, rows.length, 2).get();
        InferenceTransport.Result json = new InferenceClient(infer, Duration.ofSeconds(5), false)
                .infer(rows, rows.length, 2).get();

        assertThat(binary.scores()).containsExactly(json.scores());
        assertThat(binary.modelVersion()).isEqualTo("1").isEqualTo(json.modelVersion());
        for (int i = 0; i < rows.length; i++) {
            assertThat(binary.scores()[i]).isEqualTo(reference.score(rows[i]));
        }
    }

    @Test
    void serverMetadataListsTheExtension() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v2")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(response.body()).get("extensions")).extracting(JsonNode::asText)
                .containsExactly("binary_tensor_data");
    }

    private static HttpResponse<byte[]> post(String header, byte[] data, int headerLength) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(json, json.length + data.length);
        System.arraycopy(data, 0, body, json.length, data.length);
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + INFER))
                .header("Content-Type", "application/octet-stream")
                .header(BinaryTensors.HEADER_LENGTH, Integer.toString(headerLength))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String error(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        return JSON.readTree(response.body()).get("error").asText();
    }
}
