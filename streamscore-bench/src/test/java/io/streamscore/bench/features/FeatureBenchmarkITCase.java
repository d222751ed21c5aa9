package io.streamscore.bench.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench features} end to end on a small input (1,000 keys, 20,000 events; about 25 s): every engine runs on a
 * real MiniCluster after the warm-up rounds, the outputs of ours, sliding windows and SQL OVER agree, and the JSON
 * report carries what the README quotes from it.
 */
class FeatureBenchmarkITCase {
    @Test
    void measuresEveryEngineAfterTheWarmUpRoundsAndTheEnginesAgree(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("features.json");
        FeatureBenchmarkOptions options = new FeatureBenchmarkOptions(json, List.of(1_000), List.of(20_000), 3, 1, 42,
                List.of());

        assertThat(FeatureBenchmark.run(options)).as("exit code").isZero();

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("warmup_rounds").asInt()).isEqualTo(1);
        assertThat(report.at("/input/timing").asText()).contains("1 unmeasured rounds of every engine's replay");
        assertThat(report.get("agreement_ok").asBoolean()).isTrue();
        List<String> engines = new ArrayList<>();
        for (JsonNode row : report.get("results")) {
            engines.add(row.get("engine").asText());
            assertThat(row.get("keys").asInt()).isEqualTo(1_000);
            assertThat(row.get("runs")).hasSize(3);
            assertThat(row.get("events_per_second").asLong()).as(row.get("engine").asText()).isPositive();
        }
        assertThat(engines).containsExactly("streamscore-heap", "streamscore-rocksdb", "streamscore-rocksdb-uncached",
                "datastream-sliding", "sql-over", "reference-keyby-only", "reference-core-no-flink");
        assertThat(report.get("ratio_vs_datastream_sliding").asDouble()).isPositive();
        assertThat(report.get("ratio_vs_sql_over").asDouble()).isPositive();
    }
}
