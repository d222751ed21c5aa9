package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.streamscore.serving.oip.ModelInferRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of a real server after real requests over REST and gRPC: successes, a request that does not
 * fit the model (400), an unknown model (404) and a model that fails at run time (500, the ONNX graph of
 * {@link ModelFailureAnswersTest}). Requests are sent one at a time, so every batch holds one request and every count
 * in the scrape is exact. The scrape is parsed into samples and compared by name and labels, whatever their order.
 */
class ServeMetricsHttpTest extends FailingModelServedTest {
    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Test
    void theScrapeCountsEveryInferenceRequestByVersionProtocolAndStatusAndEveryBatch() throws Exception {
        String fraud = "/v2/models/fraud/versions/1/infer";
        json(post(fraud, inferBody("[120, 3]", 1)), 200);
        json(post(fraud, inferBody("[10, 1, 200, 7, 30, 2]", 3)), 200);
        error(post(fraud, inferBody("[1, 2, 3]", 1)), 400);
        error(post("/v2/models/nosuch/infer", inferBody("[1, 2]", 1)), 404);
        error(post("/v2/models/" + FAILING + "/infer", inferBody("[1, 2, 3, 4]", 2)), 500);
        assertThat(stub.modelInfer(modelInfer("fraud", 1, 120, 3).setModelVersion("1").build())
                .getRawOutputContentsCount()).isEqualTo(1);
        assertGrpcFails(modelInfer("nosuch", 1, 1, 2), Status.Code.NOT_FOUND);
        assertGrpcFails(modelInfer(FAILING, 2, 1, 2, 3, 4), Status.Code.INTERNAL);

        Map<String, Double> scraped = scrape();

        assertThat(scraped).containsAllEntriesOf(Map.of(
                "streamscore_serve_requests_total{code=200,model=fraud,protocol=rest,version=1}", 2.0,
                "streamscore_serve_requests_total{code=400,model=fraud,protocol=rest,version=1}", 1.0,
                "streamscore_serve_requests_total{code=404,model=,protocol=rest,version=}", 1.0,
                "streamscore_serve_requests_total{code=500,model=one_row,protocol=rest,version=1}", 1.0,
                "streamscore_serve_requests_total{code=200,model=fraud,protocol=grpc,version=1}", 1.0,
                "streamscore_serve_requests_total{code=404,model=,protocol=grpc,version=}", 1.0,
                "streamscore_serve_requests_total{code=500,model=one_row,protocol=grpc,version=1}", 1.0));
        assertThat(scraped.keySet().stream().filter(key -> key.startsWith("streamscore_serve_requests_total")))
                .hasSize(7);
        assertThat(scraped).containsAllEntriesOf(Map.of(
                "streamscore_serve_inference_latency_ms_count{model=fraud,protocol=rest,version=1}", 2.0,
                "streamscore_serve_inference_latency_ms_count{model=fraud,protocol=grpc,version=1}", 1.0,
                "streamscore_serve_batch_rows_count{model=fraud,version=1}", 3.0,
                "streamscore_serve_batch_rows_sum{model=fraud,version=1}", 5.0,
                "streamscore_serve_batch_rows_bucket{le=2.0,model=fraud,version=1}", 2.0,
                "streamscore_serve_batch_rows_count{model=one_row,version=1}", 2.0,
                "streamscore_serve_queue_wait_ms_count{model=fraud,version=1}", 3.0,
                "streamscore_serve_rows_scored_total{model=fraud,version=1}", 5.0,
                "streamscore_serve_rows_scored_total{model=one_row,version=1}", 0.0,
                "streamscore_serve_model_failures_total{model=one_row,version=1}", 2.0));
        assertThat(scraped).containsAllEntriesOf(Map.of(
                "streamscore_serve_model_failures_total{model=fraud,version=1}", 0.0,
                "streamscore_serve_models_loaded{model=fraud,version=1}", 1.0,
                "streamscore_serve_models_loaded{model=one_row,version=1}", 1.0));
        assertThat(scraped).doesNotContainKeys("streamscore_serve_models_loaded{model=fraud,version=2}",
                "streamscore_serve_inference_latency_ms_count{model=one_row,protocol=rest,version=1}");
        assertThat(scrape()).as("a scrape counts nothing").isEqualTo(scraped);
    }

    @Test
    void theEndpointAnswersGetAndHeadInTheTextFormatAndRefusesOtherMethods() throws Exception {
        HttpResponse<String> got = get(ServeMetrics.PATH);
        HttpResponse<String> head = CLIENT.send(request(ServeMetrics.PATH)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> posted = post(ServeMetrics.PATH, "{}");

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(got.body()).contains("# TYPE streamscore_serve_batch_rows histogram",
                "# TYPE streamscore_serve_rows_scored_total counter", "# TYPE streamscore_serve_models_loaded gauge");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).isEqualTo(got.headers().firstValue("Content-Type"));
        assertThat(error(posted, 405)).isEqualTo("/metrics takes GET or HEAD, not POST");
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(error(get(ServeMetrics.PATH + "/x"), 404)).endsWith(", /metrics");
    }

    private static void assertGrpcFails(ModelInferRequest.Builder request, Status.Code code) {
        assertThatThrownBy(() -> stub.modelInfer(request.build())).isInstanceOfSatisfying(
                StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path));
    }

    /** The scrape's samples by name and labels, the labels sorted and unquoted: {@code name{a=x,b=y}}. */
    private static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = get(ServeMetrics.PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String key = sample.group(1) + (labels.isEmpty() ? "" : labels.toString().replace(", ", ","));
            samples.put(key, Double.parseDouble(sample.group(3)));
        }
        return samples;
    }
}
