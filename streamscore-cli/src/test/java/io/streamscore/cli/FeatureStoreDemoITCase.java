package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code streamscore demo feature-store} with nothing installed: the embedded Redis fills up with per-user feature
 * vectors while payments flow, and the serving API answers for them during the run.
 */
class FeatureStoreDemoITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The line that names the serving API's base URL, on the free port the demo was given. */
    private static final Pattern API_LINE =
            Pattern.compile("Feature API: (http://127\\.0\\.0\\.1:\\d+/v1/features)/\\{entity}");

    @Test
    void demoServesTheNewestFeaturesOfEachUserWhileItRuns() throws Exception {
        StringWriter output = new StringWriter();
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> StreamscoreCommand.commandLine()
                .setOut(new PrintWriter(output)).execute("demo", "feature-store", "--duration", "20s", "--rate", "2000",
                        "--status-interval", "5s", "--metrics-port", "0", "--dashboard-port", "0",
                        "--serving-port", "0"));
        HttpClient http = HttpClient.newHttpClient();
        AtomicReference<String> printed = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Matcher line = API_LINE.matcher(output.toString());
            assertThat(demo).as(output.toString()).isNotDone();
            return line.find() && printed.compareAndSet(null, line.group(1));
        });
        String api = printed.get();
        AtomicReference<JsonNode> found = new AtomicReference<>();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            StringBuilder query = new StringBuilder("?entity=nobody");
            for (int user = 100_000; user < 100_020; user++) {
                query.append("&entity=u-").append(user);
            }
            try {
                JsonNode results = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(api + query)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("results");
                results.forEach(result -> {
                    if (result.get("found").asBoolean()) {
                        found.set(result);
                    }
                });
                assertThat(results.get(0).get("found").asBoolean()).isFalse();
                return found.get() != null;
            } catch (java.io.IOException notYetListening) {
                return false;
            }
        });

        JsonNode vector = found.get();
        assertThat(vector.get("valid_at").asLong()).isPositive();
        assertThat(vector.get("event_id").asText()).isNotBlank();
        assertThat(vector.get("features").get("user_tx_1h").asDouble()).isGreaterThanOrEqualTo(1.0);
        HttpResponse<String> single = http.send(HttpRequest.newBuilder(
                URI.create(api + "/" + vector.get("entity").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(single.body()).get("valid_at").asLong())
                .as("the vector only moves forward in event time")
                .isGreaterThanOrEqualTo(vector.get("valid_at").asLong());

        assertThat(demo.get(180, TimeUnit.SECONDS)).as(output.toString()).isZero();
        assertThat(output.toString()).contains("Feature API: " + api + "/{entity}", "every event accounted for");
    }
}
