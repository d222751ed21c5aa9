package io.streamscore.cli.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Reads a Prometheus endpoint over HTTP: the dashboard sees exactly what Prometheus would. */
public final class MetricsScraper {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;

    public MetricsScraper(String metricsUrl) {
        this.endpoint = URI.create(metricsUrl);
    }

    /** The endpoint's samples now; throws IOException when it cannot be read (e.g. the job is not up yet). */
    public List<MetricSample> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(endpoint + " answered HTTP " + response.statusCode());
        }
        return PrometheusTextParser.parse(response.body());
    }

    public URI endpoint() {
        return endpoint;
    }
}
