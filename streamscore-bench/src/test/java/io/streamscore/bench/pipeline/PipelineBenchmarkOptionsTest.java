package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.spec.StateBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineBenchmarkOptionsTest {
    @Test
    void leavesTheSpecsRuntimeAloneUnlessAsked() {
        PipelineBenchmark.Options options = PipelineBenchmark.Options.parse(new String[] {"--keys", "10000"});

        assertThat(options.keys()).containsExactly(10_000);
        assertThat(options.bufferTimeout()).isNull();
        assertThat(options.stateBackend()).isNull();
        assertThat(options.stateCacheKeys()).isNull();
    }

    @Test
    void takesTheStateBackendItsCacheAndTheBufferTimeout() {
        PipelineBenchmark.Options options = PipelineBenchmark.Options.parse(
                new String[] {"--state-backend", "rocksdb", "--buffer-timeout-ms", "1", "--state-cache-keys", "0"});

        assertThat(options.stateBackend()).isEqualTo(StateBackend.ROCKSDB);
        assertThat(options.stateCacheKeys()).isZero();
        assertThat(options.bufferTimeout()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void refusesAnUnknownStateBackendNamingTheChoices() {
        assertThatThrownBy(() -> PipelineBenchmark.Options.parse(new String[] {"--state-backend", "forst"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--state-backend forst: expected hashmap or rocksdb");
    }
}
