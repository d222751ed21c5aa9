package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code streamscore serve} as an HTTP server: a wrong method is a 405 that lists the path's methods in
 * {@code Allow}, HEAD is answered like GET without the body, and an inference body declared as anything but JSON is a
 * 415 that names JSON, while a body without a Content-Type (and curl's default for {@code -d}) is still read.
 */
class InferenceServerHttpTest extends ServedRegistryTest {
    private static final String INFER = "/v2/models/fraud/infer";
    private static final String ROW = "{\"inputs\": [{\"name\": \"features\", \"shape\": [1, 2], "
            + "\"datatype\": \"FP64\", \"data\": [120, 3]}]}";

    @Test
    void aWrongMethodIs405WithAnAllowHeaderListingThePathsMethods() throws Exception {
        HttpResponse<String> delete = send("DELETE", "/v2", null, null);
        assertThat(error(delete, 405)).isEqualTo("/v2 takes GET or HEAD, not DELETE");
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD");

        for (String path : List.of("/v2/health/live", "/v2/health/ready", "/v2/models/fraud",
                "/v2/models/fraud/versions/2/ready")) {
            HttpResponse<String> post = post(path, "{}");
            assertThat(error(post, 405)).as(path).isEqualTo(path + " takes GET or HEAD, not POST");
            assertThat(post.headers().firstValue("Allow")).as(path).hasValue("GET, HEAD");
        }
        HttpResponse<String> get = get(INFER);
        assertThat(error(get, 405)).isEqualTo(INFER + " takes POST, not GET");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void headIsAnsweredLikeGetWithoutTheBody() throws Exception {
        for (String path : List.of("/v2", "/v2/health/live", "/v2/health/ready", "/v2/models/fraud",
                "/v2/models/fraud/versions/2/ready", "/v2/models/nope")) {
            HttpResponse<String> get = get(path);
            HttpResponse<String> head = send("HEAD", path, null, null);

            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode()).isNotEqualTo(405);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(path)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.headers().firstValueAsLong("Content-Length")).as(path)
                    .hasValue(get.body().getBytes(StandardCharsets.UTF_8).length);
        }
        HttpResponse<String> headInfer = send("HEAD", INFER, null, null);
        assertThat(headInfer.statusCode()).isEqualTo(405);
        assertThat(headInfer.headers().firstValue("Allow")).hasValue("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/plain", "application/octet-stream"})
    void anInferenceBodyDeclaredAsAnotherTypeIs415NamingJson(String type) throws Exception {
        assertThat(error(send("POST", INFER, type, ROW), 415)).startsWith("Content-Type '" + type
                + "' is not supported here: send the body as application/json (or as application/octet-stream with "
                + "the binary tensor data extension's Inference-Header-Content-Length header)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application/json; charset=utf-8", "Application/JSON",
            "application/x-www-form-urlencoded"})
    void aJsonBodyWithoutContentTypeWithParametersOrAsCurlSendsItIsScored(String type) throws Exception {
        assertThat(json(send("POST", INFER, type.isEmpty() ? null : type, ROW), 200).at("/outputs/0/data/0")
                .doubleValue()).isEqualTo(reference.score(new double[] {120, 3}));
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
