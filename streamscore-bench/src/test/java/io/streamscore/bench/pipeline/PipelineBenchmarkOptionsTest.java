package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.bench.BenchArgs;
import io.streamscore.spec.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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

    @Test
    void refusesAParallelismOfZero() {
        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", "out.json", "--parallelism", "0");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--parallelism must be at least 1, got 0");
    }

    @Test
    void refusesACheckpointIntervalOfZero() {
        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", "out.json", "--checkpoint-interval-ms", "0");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--checkpoint-interval-ms must be positive, got 0");
    }

    @Test
    void refusesNegativeWarmUpRounds() {
        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", "out.json", "--warmup-rounds", "-1");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--warmup-rounds must be at least 0, got -1");
    }

    @Test
    void refusesAnUnknownStateBackendNamingTheChoices() {
        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", "out.json", "--state-backend", "forst");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--state-backend", "expected hashmap or rocksdb, got 'forst'");
    }

    @Test
    void refusesANegativeStateCacheBeforeRunning() {
        BenchArgs.Outcome outcome = BenchArgs.execute("pipeline", "--json", "out.json", "--state-cache-keys", "-1");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--state-cache-keys must be at least 0");
    }

    @Test
    void theReportsCommandIsTheArgumentsAsTyped() {
        PipelineCommand command = BenchArgs.parsed(PipelineCommand.class, "pipeline", "--json", "out.json", "--runs",
                "1");

        assertThat(command.arguments()).containsExactly("--json", "out.json", "--runs", "1");
    }
}
