package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSamplesTest {
    @Test
    void reportsEachMeasuresMedianAndTheRatiosOfTheMedians() {
        PipelineSamples samples = new PipelineSamples();
        for (double value : List.of(300.0, 100.0, 200.0)) {
            samples.add("raw", "events_per_s", value * 10);
            samples.add("eo", "events_per_s", value);
            samples.add("alo", "events_per_s", value * 2);
            samples.add("eo", "p99_ms", value + 2_000);
            samples.add("eo", "p99_ms_read", value + 2_100);
        }

        ObjectNode json = samples.toJson(10_000, 3);

        assertThat(json.get("keys").asInt()).isEqualTo(10_000);
        assertThat(json.get("eo_events_per_s").asDouble()).isEqualTo(200.0);
        assertThat(json.get("ratio_vs_raw_kafka").asDouble()).isEqualTo(0.1);
        assertThat(json.get("eo_vs_alo").asDouble()).isEqualTo(0.5);
        assertThat(json.get("p99_ms_eo").asDouble()).isEqualTo(2_200.0);
        assertThat(json.get("p99_ms_eo_read").asDouble()).isEqualTo(2_300.0);
        assertThat(json.get("eo_runs")).hasSize(3);
        assertThat(json.get("runs").asInt()).isEqualTo(3);
    }

    @Test
    void reportsEachGuaranteesLatencyLimitAndHowFarAboveItThePipelineIs() {
        PipelineSamples samples = new PipelineSamples();
        for (double value : List.of(30.0, 10.0, 20.0)) {
            samples.add("alo", "p99_ms", value * 8);
            samples.add("alo", "raw_p50_ms", value / 2);
            samples.add("alo", "raw_p99_ms", value);
            samples.add("eo", "p99_ms", value + 2_400);
            samples.add("eo", "raw_p99_ms", value + 2_000);
        }

        ObjectNode json = samples.toJson(10_000, 3);

        assertThat(json.get("p50_ms_raw_kafka").asDouble()).isEqualTo(10.0);
        assertThat(json.get("p99_ms_raw_kafka").asDouble()).isEqualTo(20.0);
        assertThat(json.get("p99_alo_vs_raw_kafka").asDouble()).isEqualTo(8.0);
        assertThat(json.get("p99_ms_raw_kafka_txn").asDouble()).isEqualTo(2_020.0);
        assertThat(json.get("p99_eo_vs_raw_kafka_txn").asDouble()).isEqualTo(2_420.0 / 2_020.0);
    }
}
