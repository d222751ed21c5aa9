package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscore demo feature-sync}: payments, clicks and Debezium profile changes joined, features in an
 * embedded Redis (the feature and the joined columns), served over HTTP; the summary counts what reached the store
 * and what the join enriched.
 */
class FeatureSyncDemoITCase {
    @Test
    void featureSyncDemoFillsTheStoreAndServesIt(@TempDir Path dir) throws Exception {
        Path summaryFile = dir.resolve("summary.json");
        StringWriter output = new StringWriter();

        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(output))
                .execute("demo", "feature-sync", "--duration", "6s", "--rate", "300", "--status-interval", "2s",
                        "--metrics-port", "0", "--dashboard-port", "0", "--serving-port", "0",
                        "--summary", summaryFile.toString());

        assertThat(exit).as(output.toString()).isZero();
        assertThat(output.toString()).contains("every event accounted for")
                .containsPattern("Feature API: http://127\\.0\\.0\\.1:\\d+/v1/features/\\{entity\\}")
                .containsPattern("Serving check: GET http://127\\.0\\.0\\.1:\\d+/v1/features/u-\\d+ -> HTTP 200 ");
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        long scored = summary.get("scored").asLong();
        assertThat(scored).as("payments scored (the paced generator slows on a loaded machine)").isGreaterThan(100);
        assertThat(summary.get("enriched").asLong()).as("payments that got a profile").isPositive()
                .isLessThanOrEqualTo(scored);
        assertThat(summary.get("enriched").asLong() + summary.get("without_profile").asLong())
                .as("every joined payment is counted once").isLessThanOrEqualTo(scored + summary.get("late").asLong());
        assertThat(summary.get("entities_in_store").asLong()).isPositive().isLessThanOrEqualTo(scored);
        assertThat(summary.get("profile_versions").asLong()).isPositive();
        assertThat(summary.at("/serving_check/status").asInt()).isEqualTo(200);

        Matcher served = Pattern.compile("-> HTTP 200 (\\{.*})").matcher(output.toString());
        assertThat(served.find()).as(output.toString()).isTrue();
        JsonNode vector = new ObjectMapper().readTree(served.group(1)).get("features");
        assertThat(vector.has("user_spend_5m")).as("the feature: %s", vector).isTrue();
        // Click counts are defined for every payment (0 without clicks); profile columns only with a profile.
        assertThat(vector.has("clicks_10m") && vector.has("pages_viewed_10m") && vector.has("failed_logins_10m"))
                .as("the joined click features are stored and served too: %s", vector).isTrue();
    }
}
