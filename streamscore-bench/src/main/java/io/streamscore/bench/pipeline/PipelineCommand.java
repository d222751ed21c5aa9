package io.streamscore.bench.pipeline;

import io.streamscore.bench.HelpOption;
import io.streamscore.bench.PositiveCount;
import io.streamscore.spec.RuntimeSpec;
import io.streamscore.spec.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code bench pipeline}: parses and validates the options, then hands over to {@link PipelineBenchmark}. */
@Command(name = "pipeline", sortOptions = false,
        description = "The fraud example end to end (MiniCluster, embedded Kafka broker, 100-tree model) against a"
                + " raw Kafka consume-and-produce loop: peak events/s for at-least-once and exactly-once, then"
                + " latency fed live at half each peak. Medians over the runs.")
public final class PipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;

    @Option(names = "--json", required = true, paramLabel = "FILE", description = "Where the JSON report goes.")
    Path json;
    @Option(names = "--keys", split = ",", paramLabel = "N", converter = PositiveCount.class,
            defaultValue = "10000,1000000",
            description = "Key (user) counts, one measurement each. Default: ${DEFAULT-VALUE}.")
    List<Integer> keys;
    @Option(names = "--events", paramLabel = "N", defaultValue = "200000",
            description = "Pre-generated payments per key count, replayed by every run. Default: ${DEFAULT-VALUE}.")
    long events;
    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Runs per key count (the median is reported). Default: ${DEFAULT-VALUE}.")
    int runs;
    @Option(names = "--live-seconds", paramLabel = "S", defaultValue = "10",
            description = "Measured seconds of the live feed at half the peak rate. Default: ${DEFAULT-VALUE}.")
    double liveSeconds;
    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2",
            description = "Seconds of the live feed sent but not measured, while the job starts. "
                    + "Default: ${DEFAULT-VALUE}.")
    double warmUpSeconds;
    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "3",
            description = "Unmeasured rounds of every variant on the backlog (up to 200K payments each) before the"
                    + " measured runs of each key count. Default: ${DEFAULT-VALUE}.")
    int warmUpRounds;
    @Option(names = "--buffer-timeout-ms", paramLabel = "MS",
            description = "Flink's network buffer timeout. Default: the spec's runtime.buffer_timeout (5 ms).")
    Long bufferTimeoutMs;
    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb", converter = StateBackendName.class,
            description = "Keyed state on the heap or in RocksDB. Default: the fraud example's (hashmap).")
    StateBackend stateBackend;
    @Option(names = "--state-cache-keys", paramLabel = "N", description = "With RocksDB: keys' window states cached"
            + " on the heap per subtask, 0 for none. Default: the spec's runtime.state_cache_keys ("
            + RuntimeSpec.DEFAULT_STATE_CACHE_KEYS + ").")
    Integer stateCacheKeys;
    @Option(names = "--changelog", description = "Run every pipeline with Flink's changelog state backend"
            + " (runtime.changelog: true). Default: the spec's runtime.changelog (off).")
    boolean changelog;
    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism of every pipeline."
            + " Default: the spec's runtime.parallelism (2).")
    Integer parallelism;
    @Option(names = "--checkpoint-interval-ms", paramLabel = "MS", description = "Checkpoint interval of every"
            + " pipeline (exactly-once latency follows it). Default: the spec's outputs.checkpoint_interval (2 s).")
    Long checkpointIntervalMs;

    @Override
    public Integer call() throws Exception {
        return PipelineBenchmark.run(options(), arguments());
    }

    /** The validated options; a bad combination is a usage error (exit 2) naming the option. */
    PipelineBenchmark.Options options() {
        try {
            return new PipelineBenchmark.Options(json, keys.stream().mapToInt(Integer::intValue).toArray(), events,
                    runs, liveSeconds, warmUpSeconds, warmUpRounds,
                    bufferTimeoutMs == null ? null : Duration.ofMillis(bufferTimeoutMs),
                    stateBackend, stateCacheKeys, changelog,
                    checkpointIntervalMs == null ? null : Duration.ofMillis(checkpointIntervalMs), parallelism);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The arguments after {@code pipeline}, as typed (for the report's {@code command}). */
    List<String> arguments() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        return all.subList(all.indexOf(spec.name()) + 1, all.size());
    }

    /** {@code hashmap} or {@code rocksdb}, the names of the spec's {@code runtime.state_backend}. */
    static final class StateBackendName implements ITypeConverter<StateBackend> {
        @Override
        public StateBackend convert(String name) {
            return switch (name) {
                case "hashmap" -> StateBackend.HASHMAP;
                case "rocksdb" -> StateBackend.ROCKSDB;
                default -> throw new TypeConversionException("expected hashmap or rocksdb, got '" + name + "'");
            };
        }
    }
}
