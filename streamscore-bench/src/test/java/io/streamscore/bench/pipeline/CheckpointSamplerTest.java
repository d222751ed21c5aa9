package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointSamplerTest {
    private static final String METRICS = """
            # HELP streamscore_checkpoint_duration_ms duration of the last completed checkpoint
            # TYPE streamscore_checkpoint_duration_ms gauge
            streamscore_checkpoint_duration_ms{job="streamscore-bench"} 184.0
            streamscore_checkpoint_duration_ms_total 1
            streamscore_checkpoints_completed{job="streamscore-bench"} 7.0
            """;

    @Test
    void readsTheNamedSampleNotOneWhoseNameItPrefixes() {
        assertThat(CheckpointSampler.value(METRICS, "streamscore_checkpoint_duration_ms")).isEqualTo(184.0);
        assertThat(CheckpointSampler.value(METRICS, "streamscore_checkpoints_completed")).isEqualTo(7.0);
        assertThat(CheckpointSampler.value(METRICS, "streamscore_checkpoint_size_bytes")).isNaN();
    }
}
