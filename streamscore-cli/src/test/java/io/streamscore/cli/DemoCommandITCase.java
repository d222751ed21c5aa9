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
    @Test
    void fraudDemoAccountsForEveryEventAndWritesTheSummary(@TempDir Path dir) throws Exception {
        Path summaryFile = dir.resolve("summary.json");
        StringWriter output = new StringWriter();

        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(output))
                .execute("demo", "fraud", "--duration", "8s", "--rate", "2000", "--status-interval", "2s", "--metrics-port", "0", "--dashboard-port", "0",
                        "--summary", summaryFile.toString());

        assertThat(exit).as(output.toString()).isZero();
        assertThat(output.toString()).contains("pipeline running", "Started in", "every event accounted for",
                        "Metrics: http://127.0.0.1:", "Dashboard: http://127.0.0.1:")
                .containsPattern("\\[\\s+\\d+s\\] in [\\d,]+ .*scored [\\d,]+ .*dead letters .*late .*latency p50");
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        long eventsIn = summary.get("events_in").asLong();
        assertThat(eventsIn).isGreaterThan(8_000);
        assertThat(summary.get("scored").asLong() + summary.get("dead_letter").asLong() + summary.get("late").asLong())
                .isEqualTo(eventsIn);
        assertThat(summary.get("dead_letter").asLong()).isEqualTo(summary.at("/generated/malformed").asLong());
        assertThat(summary.get("late").asLong()).isEqualTo(summary.at("/generated/too_late").asLong());
        assertThat(summary.get("alerts").asLong()).as("card-testing alerts").isPositive().isLessThan(eventsIn / 10);
        assertThat(summary.at("/latency_ms/p50").asLong()).isPositive();
        assertThat(summary.at("/latency_ms/p99").asLong()).isGreaterThanOrEqualTo(summary.at("/latency_ms/p50").asLong());
    }
}
