package io.streamscore.flink;

import io.streamscore.event.Event;
import io.streamscore.flink.serialization.EventTypeInfo;
import io.streamscore.flink.serialization.EventTypeInfoFactory;
import io.streamscore.spec.ChangelogSpec;
import io.streamscore.spec.Guarantee;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.RuntimeSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink configuration a pipeline runs with, derived from its spec: checkpointing (interval, directory,
 * exactly-once barriers, incremental RocksDB checkpoints, kept on cancellation so a run can be resumed), the state
 * backend and its changelog ({@code runtime.changelog}), restarts, parallelism and max parallelism (the key groups,
 * when {@code runtime.max_parallelism} sets them), the network buffer timeout
 * ({@code runtime.buffer_timeout}), and two safety settings: no Kryo fallback for types (every record type is a POJO
 * with a Flink serializer, and a new one that is not fails at job build, not in production) and object reuse (our
 * functions never keep or mutate their inputs).
 * {@link io.streamscore.event.Event}, the record of every shuffle, gets its own serializer ({@code EventSerializer}).
 */
public final class PipelineConfiguration {
    private PipelineConfiguration() {}

    public static Configuration flinkConfiguration(PipelineSpec spec) {
        registerEventSerializer();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("parallelism.default", Integer.toString(spec.runtime().parallelism()));
        if (spec.runtime().maxParallelism() != RuntimeSpec.FLINK_DEFAULT_MAX_PARALLELISM) {
            options.put("pipeline.max-parallelism", Integer.toString(spec.runtime().maxParallelism()));
        }
        options.put("execution.checkpointing.interval", spec.outputs().checkpointInterval().toMillis() + " ms");
        options.put("execution.checkpointing.mode",
                spec.outputs().guarantee() == Guarantee.EXACTLY_ONCE ? "EXACTLY_ONCE" : "AT_LEAST_ONCE");
        if (spec.outputs().checkpointDir() != null) {
            options.put("execution.checkpointing.dir", spec.outputs().checkpointDir());
        }
        options.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        options.put("execution.checkpointing.num-retained", "3");
        options.put("state.backend.type", spec.runtime().stateBackend().name().toLowerCase());
        options.put("execution.checkpointing.incremental", "true");
        options.put("restart-strategy.type", "exponential-delay");
        options.put("restart-strategy.exponential-delay.initial-backoff", "500 ms");
        options.put("restart-strategy.exponential-delay.max-backoff", "30 s");
        options.put("pipeline.auto-watermark-interval", "200 ms");
        options.put("execution.buffer-timeout.enabled", "true");
        options.put("execution.buffer-timeout.interval", spec.runtime().bufferTimeout().toMillis() + " ms");
        options.put("pipeline.generic-types", "false");
        options.put("pipeline.object-reuse", "true");
        options.put("pipeline.name", "streamscore-" + spec.name());
        changelog(spec, options);
        return Configuration.fromMap(options);
    }

    /**
     * Flink's changelog state backend when {@code runtime.changelog} is on: the log is kept in {@code changelog/}
     * beside the checkpoints (a spec without {@code checkpoint_dir} runs on a cluster whose own
     * {@code state.changelog.dstl.dfs.base-path} says where). When off, it is turned off explicitly, so a cluster
     * configured with it does not wrap a job that was measured and tested without it. A job with it resumes in
     * CLAIM mode: the snapshot it resumes from becomes its own, deleted once newer checkpoints replace it.
     */
    private static void changelog(PipelineSpec spec, Map<String, String> options) {
        ChangelogSpec changelog = spec.runtime().changelog();
        options.put("state.changelog.enabled", Boolean.toString(changelog.enabled()));
        if (!changelog.enabled()) {
            return;
        }
        options.put("state.changelog.storage", "filesystem");
        // Flink's changelog backend cannot take the full first checkpoint that NO_CLAIM (its default) requires after
        // a restore: the job takes ownership of the checkpoint or savepoint it resumes from instead.
        options.put("execution.state-recovery.claim-mode", "CLAIM");
        options.put("state.changelog.periodic-materialize.interval", changelog.materialization().toMillis() + " ms");
        String checkpoints = spec.outputs().checkpointDir();
        if (checkpoints != null) {
            options.put("state.changelog.dstl.dfs.base-path",
                    (checkpoints.endsWith("/") ? checkpoints : checkpoints + "/") + "changelog");
        }
    }

    /**
     * Makes Flink's type extraction in this JVM give {@link Event} its {@link EventTypeInfoFactory}, once. Not through
     * {@code pipeline.serialization-config}: Flink registers that globally too, and refuses a second environment in
     * the same JVM ("already registered"), which every local run after the first would be.
     */
    static synchronized void registerEventSerializer() {
        if (!(TypeExtractor.createTypeInfo(Event.class) instanceof EventTypeInfo)) {
            TypeExtractor.registerFactory(Event.class, EventTypeInfoFactory.class);
        }
    }
}
