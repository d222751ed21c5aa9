package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code streamscore serve} against the KServe v2 / Open Inference Protocol REST specification: its documented
 * example payloads (the inference request with {@code "id": "42"}, the 2x2 tensor given nested or flat), the health,
 * metadata and ready endpoints, and the {@code {"error": "..."}} bodies with their status codes.
 */
class InferenceServerConformanceTest extends ServedRegistryTest {
    @Test
    void healthEndpointsAnswer200WithAnEmptyBody() throws Exception {
        for (String path : List.of("/v2/health/live", "/v2/health/ready", "/v2/models/fraud/ready",
                "/v2/models/fraud/versions/2/ready")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEmpty();
        }
        assertThat(get("/v2/models/nope/ready").statusCode()).isEqualTo(404);
        assertThat(get("/v2/models/fraud/versions/9/ready").statusCode()).isEqualTo(404);
    }

    @Test
    void serverMetadataNamesTheServerItsVersionAndExtensions() throws Exception {
        JsonNode body = json(get("/v2"), 200);
        assertThat(body.get("name").asText()).isEqualTo("streamscore");
        assertThat(body.get("version").isTextual()).isTrue();
        assertThat(body.get("extensions").isArray()).isTrue();
    }

    @Test
    void modelMetadataHasNameVersionsPlatformAndTensorMetadata() throws Exception {
        JsonNode body = json(get("/v2/models/fraud"), 200);
        assertThat(body.get("name").asText()).isEqualTo("fraud");
        assertThat(body.get("versions")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(body.get("platform").asText()).isNotEmpty();
        JsonNode input = body.get("inputs").get(0);
        assertThat(input.get("name").asText()).isEqualTo("features");
        assertThat(input.get("datatype").asText()).isEqualTo("FP64");
        assertThat(input.get("shape").toString()).isEqualTo("[-1,2]");
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("score");
        assertThat(output.get("datatype").asText()).isEqualTo("FP64");
        assertThat(output.get("shape").toString()).isEqualTo("[-1]");
        assertThat(json(get("/v2/models/fraud/versions/2"), 200).get("name").asText()).isEqualTo("fraud");
    }

    /** The specification's inference example: id 42, a [2, 2] tensor, one requested output; the id is echoed. */
    @Test
    void documentedInferenceExampleIsAnsweredWithTheSpecifiedResponseShape() throws Exception {
        String request = """
                {"id": "42",
                 "inputs": [{"name": "features", "shape": [2, 2], "datatype": "FP32", "data": [[1, 2], [300, 4]]}],
                 "outputs": [{"name": "score"}]}""";
        JsonNode body = json(post("/v2/models/fraud/infer", request), 200);

        assertThat(body.get("model_name").asText()).isEqualTo("fraud");
        assertThat(body.get("model_version").asText()).isEqualTo("1");
        assertThat(body.get("id").asText()).isEqualTo("42");
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("score");
        assertThat(output.get("shape").toString()).isEqualTo("[2]");
        assertThat(output.get("datatype").asText()).isEqualTo("FP64");
        assertThat(output.get("data").get(0).doubleValue()).isEqualTo(reference.score(new double[] {1, 2}));
        assertThat(output.get("data").get(1).doubleValue()).isEqualTo(reference.score(new double[] {300, 4}));
        assertThat(output.get("data").get(0).doubleValue()).isNotEqualTo(output.get("data").get(1).doubleValue());
    }

    @Test
    void flatRowMajorDataEqualsNestedDataAndNullIsMissing() throws Exception {
        String flat = "{\"inputs\": [{\"name\": \"features\", \"shape\": [2, 2], \"datatype\": \"FP64\","
                + " \"data\": [1, 2, null, 9]}]}";
        JsonNode body = json(post("/v2/models/fraud/versions/2/infer", flat), 200);
        assertThat(body.get("model_version").asText()).isEqualTo("2");
        assertThat(body.has("id")).isFalse();
        assertThat(body.get("outputs").get(0).get("data").get(1).isNumber()).isTrue();
    }

    /** The specification's example request itself (input0 UINT32 [2, 2], input1 BOOL [3]) does not fit this model. */
    @Test
    void documentedExampleWithOtherInputsIsRefusedWithAnErrorBody() throws Exception {
        String request = """
                {"id": "42",
                 "inputs": [{"name": "input0", "shape": [2, 2], "datatype": "UINT32", "data": [1, 2, 3, 4]},
                            {"name": "input1", "shape": [3], "datatype": "BOOL", "data": [true]}],
                 "outputs": [{"name": "output0"}]}""";
        JsonNode body = json(post("/v2/models/fraud/infer", request), 400);
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.get("error").asText()).contains("output0");
    }

    @Test
    void badRequestsAnswerWithTheProtocolsErrorBodyAndStatus() throws Exception {
        String wrongShape = "{\"inputs\": [{\"name\": \"features\", \"shape\": [1, 3], \"datatype\": \"FP64\","
                + " \"data\": [1, 2, 3]}]}";
        assertThat(error(post("/v2/models/fraud/infer", wrongShape), 400)).contains("shape [1, 3]", "[rows, 2]");
        String tooFew = "{\"inputs\": [{\"name\": \"features\", \"shape\": [2, 2], \"datatype\": \"FP64\","
                + " \"data\": [1, 2, 3]}]}";
        assertThat(error(post("/v2/models/fraud/infer", tooFew), 400)).contains("4 elements", "has 3");
        String unevenRows = "{\"inputs\": [{\"name\": \"features\", \"shape\": [2, 2], \"datatype\": \"FP64\","
                + " \"data\": [[1, 2, 3], [4]]}]}";
        assertThat(error(post("/v2/models/fraud/infer", unevenRows), 400)).contains("does not follow shape [2, 2]",
                "level 1 has 3 elements, not 2");
        String mixed = "{\"inputs\": [{\"name\": \"features\", \"shape\": [2, 2], \"datatype\": \"FP64\","
                + " \"data\": [[1, 2], 3, 4]}]}";
        assertThat(error(post("/v2/models/fraud/infer", mixed), 400)).contains("does not follow shape [2, 2]");
        String unknownInput = "{\"inputs\": [{\"name\": \"input0\", \"shape\": [2], \"datatype\": \"FP64\","
                + " \"data\": [1, 2]}]}";
        assertThat(error(post("/v2/models/fraud/infer", unknownInput), 400)).contains("unknown input 'input0'");
        String bytes = "{\"inputs\": [{\"name\": \"features\", \"shape\": [2], \"datatype\": \"BYTES\","
                + " \"data\": [\"a\", \"b\"]}]}";
        assertThat(error(post("/v2/models/fraud/infer", bytes), 400)).contains("BYTES");
        assertThat(error(post("/v2/models/fraud/infer", "{not json"), 400)).contains("not valid JSON");
        assertThat(error(post("/v2/models/nope/infer", "{}"), 404)).contains("unknown model 'nope'");
        assertThat(error(post("/v2/models/fraud/versions/7/infer", "{}"), 404)).contains("no version 7");
        assertThat(error(get("/v2/models/fraud/infer"), 405)).contains("POST");
        assertThat(error(get("/v3/nothing"), 404)).contains("no such endpoint");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndTheServerGoesOnServing() throws Exception {
        byte[] huge = new byte[(int) InferenceServer.MAX_REQUEST_BYTES + 1];
        // announced by Content-Length, and chunked binary data (the body is read whole): the server answers 413 and
        // closes the connection without reading the rest, so a client still sending may see the reset instead, or,
        // when the reset overtakes the 413's body, a response cut short
        List<HttpRequest> requests = List.of(
                HttpRequest.newBuilder(URI.create(server.url() + "/v2/models/fraud/infer"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(),
                HttpRequest.newBuilder(URI.create(server.url() + "/v2/models/fraud/infer"))
                        .header("Content-Type", "application/octet-stream").header(BinaryTensors.HEADER_LENGTH, "10")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build());
        for (HttpRequest request : requests) {
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(error(response, 413)).startsWith("the request body is over the server's limit of 64 MiB");
            } catch (IOException reset) {
                assertThat(reset).satisfiesAnyOf(e -> assertThat(e).hasStackTraceContaining("Connection reset"),
                        e -> assertThat(e).hasStackTraceContaining("bytes received: 0"));
            }
            assertThat(get("/v2/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void concurrentRequestsAreEachAnsweredWithTheirOwnScores() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String request = "{\"id\": \"" + i + "\", \"inputs\": [{\"name\": \"features\", \"shape\": [1, 2],"
                    + " \"datatype\": \"FP64\", \"data\": [" + (i * 3) + ", " + (i % 12) + "]}]}";
            responses.add(CLIENT.sendAsync(postRequest("/v2/models/fraud/infer", request),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < responses.size(); i++) {
            JsonNode body = json(responses.get(i).get(), 200);
            assertThat(body.get("id").asText()).isEqualTo(Integer.toString(i));
            assertThat(body.get("outputs").get(0).get("data").get(0).doubleValue())
                    .isEqualTo(reference.score(new double[] {i * 3, i % 12}));
        }
    }
}
