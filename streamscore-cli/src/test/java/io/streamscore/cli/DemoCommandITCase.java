package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscore demo} as a user runs it: embedded Kafka, generator, pipeline, live lines, summary file. */
class DemoCommandITCase {
    /** A small default model, so the test spends seconds, not a minute, training it. */
    private static final int MODEL_EVENTS = 20_000;

    @Test
    void fraudDemoAccountsForEveryEventAndWritesTheSummary(@TempDir Path dir) throws Exception {
        Path summaryFile = dir.resolve("summary.json");
        StringWriter output = new StringWriter();

        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(output))
                .execute("demo", "fraud", "--duration", "8s", "--rate", "2000", "--status-interval", "2s",
                        "--metrics-port", "0", "--dashboard-port", "0",
                        "--summary", summaryFile.toString(), "--cache-dir", dir.resolve("model-cache").toString(),
                        "--model-events", "" + MODEL_EVENTS);

        assertThat(exit).as(output.toString()).isZero();
        assertThat(output.toString()).contains("pipeline running", "Started in", "every event accounted for",
                        "Metrics: http://127.0.0.1:", "Dashboard: http://127.0.0.1:")
                .containsPattern("\\[\\s+\\d+s\\] in [\\d,]+ .*scored [\\d,]+ .*dead letters .*late .*latency p50 .*"
                        + "\\(since the last line: p50 ([\\d,]+ ms|-) p99 ([\\d,]+ ms|-)\\)");
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        long eventsIn = summary.get("events_in").asLong();
        assertThat(eventsIn).as(output.toString()).isGreaterThan(8_000);
        assertThat(summary.get("scored").asLong() + summary.get("dead_letter").asLong() + summary.get("late").asLong())
                .isEqualTo(eventsIn);
        assertThat(summary.get("dead_letter").asLong()).isEqualTo(summary.at("/generated/malformed").asLong());
        assertThat(summary.get("late").asLong()).isEqualTo(summary.at("/generated/too_late").asLong());
        assertThat(summary.get("alerts").asLong()).as("card-testing alerts").isPositive().isLessThan(eventsIn / 10);
        assertThat(output.toString()).contains("Model: demo-fraud version 1 (trained now",
                "reproduce with: streamscore "
                        + "train examples/fraud.yaml --generate fraud --seed 1 --events " + MODEL_EVENTS);
        assertThat(summary.get("model_version").isNull()).as("model_version").isFalse();
        // Random decisions would be right at the fraud share (about 0.5%); this small model measured precision
        // 0.070, recall 0.095 (4 true positives, 53 false positives, 38 false negatives) on this run.
        assertThat(summary.get("precision").asDouble(-1)).as("precision").isGreaterThan(0.02).isLessThanOrEqualTo(1);
        assertThat(summary.get("recall").asDouble(-1)).as("recall").isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(summary.get("true_positives").asLong() + summary.get("false_negatives").asLong())
                .as("fraudulent payments scored").isPositive().isLessThan(eventsIn / 20);
        assertThat(output.toString()).contains("Model version " + summary.get("model_version").asText()
                + " vs the generator's ground truth: precision");
        assertThat(summary.at("/latency_ms/p50").asLong()).isPositive();
        assertThat(summary.at("/latency_ms/p99").asLong())
                .isGreaterThanOrEqualTo(summary.at("/latency_ms/p50").asLong());
    }
}
