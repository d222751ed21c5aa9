package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.bench.BenchArgs;
import io.streamscore.spec.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineBenchmarkOptionsTest {
    private static PipelineBenchmark.Options options(String... args) {
        return BenchArgs.parsed(PipelineCommand.class, args).options();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        PipelineBenchmark.Options options = options("pipeline", "--json", "out.json");

        assertThat(options.json()).isEqualTo(Path.of("out.json"));
        assertThat(options.keys()).containsExactly(10_000, 1_000_000);
        assertThat(options.events()).isEqualTo(200_000);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.liveSeconds()).isEqualTo(10);
        assertThat(options.warmUpSeconds()).isEqualTo(2);
    }

    @Test
    void leavesTheSpecsRuntimeAloneUnlessAsked() {
        PipelineBenchmark.Options options = options("pipeline", "--json", "out.json", "--keys", "10000");

        assertThat(options.keys()).containsExactly(10_000);
        assertThat(options.bufferTimeout()).isNull();
        assertThat(options.stateBackend()).isNull();
        assertThat(options.stateCacheKeys()).isNull();
        assertThat(options.checkpointInterval()).isNull();
        assertThat(options.parallelism()).isNull();
        assertThat(options.warmUpRounds()).isEqualTo(3);
    }

    @Test
    void takesTheStateBackendItsCacheAndTheBufferTimeout() {
        PipelineBenchmark.Options options = options("pipeline", "--json", "out.json", "--state-backend", "rocksdb",
                "--buffer-timeout-ms", "1", "--state-cache-keys", "0", "--events", "400000", "--runs", "1",
                "--live-seconds", "5", "--warmup-seconds", "0.5", "--warmup-rounds", "2",
                "--checkpoint-interval-ms", "60000", "--parallelism", "1");

        assertThat(options.stateBackend()).isEqualTo(StateBackend.ROCKSDB);
        assertThat(options.stateCacheKeys()).isZero();
        assertThat(options.bufferTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(options.events()).isEqualTo(400_000);
        assertThat(options.runs()).isEqualTo(1);
        assertThat(options.liveSeconds()).isEqualTo(5);
        assertThat(options.warmUpSeconds()).isEqualTo(0.5);
        assertThat(options.warmUpRounds()).isEqualTo(2);
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.parallelism()).isEqualTo(1);
    }

    /** A bad value is a usage error (exit 2) before anything runs, naming the option and what it takes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--parallelism            | 0     | --parallelism must be at least 1, got 0",
        "--checkpoint-interval-ms | 0     | --checkpoint-interval-ms must be positive, got 0",
        "--warmup-rounds          | -1    | --warmup-rounds must be at least 0, got -1",
        "--state-backend          | forst | expected hashmap or rocksdb, got 'forst'",
        "--state-cache-keys       | -1    | --state-cache-keys must be at least 0"})
    void refusesABadValueNamingTheOption(String option, String value, String message) {
        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", "out.json", option, value);

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(option, message);
    }

    @Test
    void theReportsCommandIsTheArgumentsAsTyped() {
        PipelineCommand command = BenchArgs.parsed(PipelineCommand.class, "pipeline", "--json", "out.json", "--runs",
                "1");

        assertThat(command.arguments()).containsExactly("--json", "out.json", "--runs", "1");
    }
}
