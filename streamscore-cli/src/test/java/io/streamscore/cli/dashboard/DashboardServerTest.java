package io.streamscore.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's HTTP surface, without a pipeline (its scrapes fail, which the page shows): the page, its files and
 * the snapshot answer GET and HEAD; other paths are 404 and other methods 405 with {@code Allow}.
 */
class DashboardServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private DashboardServer dashboard;

    @BeforeEach
    void start() {
        dashboard = DashboardServer.start(new DashboardModel(new MetricsScraper("http://127.0.0.1:1/metrics"),
                new RecentAlerts()), 0);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void thePageItsFilesAndTheSnapshotAnswerGetAndHeadWithoutTheBody() throws Exception {
        for (String path : List.of("/", "/dashboard.js", "/dashboard.css", "/uPlot.iife.min.js", "/uPlot.min.css",
                "/uPlot-LICENSE.txt", "/api/snapshot")) {
            HttpResponse<String> get = send("GET", path);
            HttpResponse<String> head = send("HEAD", path);

            assertThat(get.statusCode()).as(path).isEqualTo(200);
            assertThat(get.body()).as(path).isNotEmpty();
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(path)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
            long length = head.headers().firstValueAsLong("Content-Length").orElseThrow();
            assertThat(length).as(path).isPositive();
            if (!path.equals("/api/snapshot")) { // a snapshot is made anew for each request
                assertThat(length).as(path).isEqualTo(get.headers().firstValueAsLong("Content-Length").orElseThrow());
            }
        }
        HttpResponse<String> events = send("HEAD", "/api/events");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    }

    @Test
    void otherPathsAre404() throws Exception {
        for (String path : List.of("/index.html", "/api/snapshotx", "/api/snapshot/1", "/api/events/x", "/api",
                "/favicon.ico", "/metrics")) {
            HttpResponse<String> response = send("GET", path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).startsWith("no such path: " + path + "; this server answers /, "
                    + "/api/snapshot, /api/events, ");
        }
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        for (String path : List.of("/", "/api/snapshot", "/api/events", "/dashboard.js")) {
            HttpResponse<String> response = send("POST", path);

            assertThat(response.statusCode()).as(path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(path).hasValue("GET, HEAD");
            assertThat(response.body()).as(path).isEqualTo(path + " takes GET or HEAD, not POST\n");
        }
        assertThat(send("DELETE", "/").statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
