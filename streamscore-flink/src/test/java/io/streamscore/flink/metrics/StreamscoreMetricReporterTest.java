package io.streamscore.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reporter's endpoint over HTTP: GET and HEAD of /metrics as Prometheus scrapes it, and nothing else (the
 * Prometheus client's own server answered every path and method with metrics or a help page).
 */
class StreamscoreMetricReporterTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final StreamscoreMetricReporter reporter = new StreamscoreMetricReporter();

    @BeforeEach
    void open() {
        MetricConfig config = new MetricConfig();
        config.setProperty(StreamscoreMetricReporter.HOST, "127.0.0.1");
        config.setProperty(StreamscoreMetricReporter.PORT, "0");
        reporter.open(config);
        SimpleCounter scored = new SimpleCounter();
        scored.inc(3);
        reporter.notifyOfAddedMetric(scored, "scored", new StreamscoreGroup());
    }

    @AfterEach
    void close() {
        reporter.close();
    }

    @Test
    void getMetricsIsThePrometheusTextAndHeadTheSameWithoutTheBody() throws Exception {
        HttpResponse<String> get = send("GET", "/metrics");
        HttpResponse<String> head = send("HEAD", "/metrics");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain; version=0.0.4"));
        assertThat(get.body()).contains("streamscore_scored_total 3.0");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length"))
                .hasValue(get.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void otherPathsAre404NamingTheMetricsPath() throws Exception {
        for (String path : List.of("/", "/metricsx", "/metrics/x", "/-/healthy", "/favicon.ico")) {
            HttpResponse<String> response = send("GET", path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("no such path: " + path
                    + "; this server answers /metrics\n").doesNotContain("streamscore_scored");
        }
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpResponse<String> response = send(method, "/metrics");

            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
            assertThat(response.body()).as(method).isEqualTo("/metrics takes GET or HEAD, not " + method + "\n");
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reporter.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An operator's {@code streamscore} group, as Flink hands it to a reporter (which reads its logical scope). */
    private static final class StreamscoreGroup extends UnregisteredMetricsGroup implements LogicalScopeProvider {
        @Override
        public String getLogicalScope(CharacterFilter filter) {
            return getLogicalScope(filter, '.');
        }

        @Override
        public String getLogicalScope(CharacterFilter filter, char delimiter) {
            return String.join(String.valueOf(delimiter), "taskmanager", "job", "task", "operator", "streamscore");
        }

        @Override
        public MetricGroup getWrappedMetricGroup() {
            return this;
        }
    }
}
