package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The text {@code GET /metrics} renders for known observations, line by line: names, help, labels, bucket bounds,
 * cumulative bucket counts, sums and counts. Dashboards and alert rules read exactly these lines, so a change of
 * the metrics library must not change them: these expectations passed against the hand-written histograms and
 * counters that the Prometheus client's own replaced.
 */
class ServeMetricsTest {
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void batchRowsRenderCumulativeBucketsSumAndCountUpToInfinity() throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        VersionMetrics fraud = metrics.loaded("fraud", 1);
        for (int rows : new int[] {1, 2, 3, 5000}) {
            fraud.batchTaken(rows);
        }

        String text = scrape(metrics);

        assertThat(text).contains("# HELP streamscore_serve_batch_rows rows per batch the model scored at once (one "
                + "scoreBatch call), failed batches included\n# TYPE streamscore_serve_batch_rows histogram\n");
        assertHistogram(text, "batch_rows", ServeMetrics.ROWS, 4, "5006.0",
                "1.0\"} 1", "2.0\"} 2", "4.0\"} 3", "4096.0\"} 3", "+Inf\"} 4");
    }

    @Test
    void queueWaitRendersMillisecondBucketsFromATenthToTenSeconds() throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        VersionMetrics fraud = metrics.loaded("fraud", 1);
        fraud.queued(0, MILLI / 20);
        fraud.queued(0, 3 * MILLI);
        fraud.queued(0, 20_000 * MILLI);

        assertHistogram(scrape(metrics), "queue_wait_ms", ServeMetrics.MILLIS, 3, "20003.05",
                "0.1\"} 1", "2.5\"} 1", "5.0\"} 2", "10000.0\"} 2", "+Inf\"} 3");
    }

    @Test
    void countersAndTheLoadedGaugeRenderWithoutCreatedSeries() throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        VersionMetrics fraud = metrics.loaded("fraud", 1);
        fraud.batchScored(3);
        fraud.batchScored(2);
        fraud.batchFailed();
        fraud.answered(RequestMetrics.Protocol.REST, 200, System.nanoTime());
        fraud.failed(RequestMetrics.Protocol.GRPC, new IllegalStateException("bug"), System.nanoTime());
        metrics.unresolved().answered(RequestMetrics.Protocol.REST, 404, System.nanoTime());
        metrics.unresolved().answered(RequestMetrics.Protocol.REST, 302, System.nanoTime());

        String text = scrape(metrics);

        assertThat(text).contains("# TYPE streamscore_serve_requests_total counter\n",
                "streamscore_serve_requests_total{code=\"200\",model=\"fraud\",protocol=\"rest\",version=\"1\"} 1.0\n",
                "streamscore_serve_requests_total{code=\"500\",model=\"fraud\",protocol=\"grpc\",version=\"1\"} 1.0\n",
                "streamscore_serve_requests_total{code=\"404\",model=\"\",protocol=\"rest\",version=\"\"} 1.0\n",
                "streamscore_serve_requests_total{code=\"other\",model=\"\",protocol=\"rest\",version=\"\"} 1.0\n",
                "streamscore_serve_rows_scored_total{model=\"fraud\",version=\"1\"} 5.0\n",
                "streamscore_serve_model_failures_total{model=\"fraud\",version=\"1\"} 1.0\n",
                "# TYPE streamscore_serve_models_loaded gauge\n",
                "streamscore_serve_models_loaded{model=\"fraud\",version=\"1\"} 1.0\n",
                "streamscore_serve_inference_latency_ms_count{model=\"fraud\",protocol=\"rest\",version=\"1\"} 1\n");
        assertThat(text).doesNotContain("_created", "inference_latency_ms_count{model=\"fraud\",protocol=\"grpc\"",
                "batch_rows_count{model=\"\"", "models_loaded{model=\"\"");
        assertThat(text.lines().filter(line -> line.startsWith("streamscore_serve_requests_total"))).hasSize(4);
    }

    /**
     * Version fraud/1 of histogram {@code name}: one bucket line per bound and +Inf, these cumulative buckets
     * (the end of their lines: the {@code le} bound, then the cumulative count), its count and its sum.
     */
    private static void assertHistogram(String text, String name, double[] bounds, long count, String sum,
                                        String... buckets) {
        String series = "streamscore_serve_" + name;
        for (String bucket : buckets) {
            assertThat(text).contains(series + "_bucket{model=\"fraud\",version=\"1\",le=\"" + bucket + "\n");
        }
        assertThat(text).contains(series + "_count{model=\"fraud\",version=\"1\"} " + count + "\n",
                series + "_sum{model=\"fraud\",version=\"1\"} " + sum + "\n");
        assertThat(text.lines().filter(line -> line.startsWith(series + "_bucket"))).hasSize(bounds.length + 1);
    }

    /** What {@code GET /metrics} answers, through the handler {@code serve} mounts there. */
    static String scrape(ServeMetrics metrics) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(ServeMetrics.PATH, metrics.handler());
        http.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + ServeMetrics.PATH);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } finally {
            http.stop(0);
        }
    }
}
