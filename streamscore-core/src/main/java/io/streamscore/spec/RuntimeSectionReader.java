package io.streamscore.spec;

import java.time.Duration;
import java.util.List;

/**
 * Reads {@code runtime}: parallelism, state backend, buffer timeout, state cache size, the changelog and the max
 * parallelism, all optional.
 */
final class RuntimeSectionReader implements SectionReader<RuntimeSpec> {
    static final List<String> KEYS = List.of("parallelism", "state_backend", "buffer_timeout", "state_cache_keys",
            "changelog", "changelog_materialization", "max_parallelism");
    static final int MAX_PARALLELISM = 1024;
    static final int MAX_STATE_CACHE_KEYS = 10_000_000;

    @Override
    public String section() {
        return "runtime";
    }

    @Override
    public RuntimeSpec read(SpecNode runtime) {
        int mark = runtime.problems().mark();
        if (runtime.expectMap("runtime settings (parallelism, state_backend, buffer_timeout, state_cache_keys, "
                + "changelog)")) {
            runtime.rejectUnknownKeys(KEYS);
        }
        int parallelism = runtime.get("parallelism").integer(RuntimeSpec.DEFAULT_PARALLELISM, 1, MAX_PARALLELISM);
        StateBackend stateBackend = runtime.get("state_backend").choice(StateBackend.class, StateBackend.ROCKSDB);
        Duration bufferTimeout = runtime.get("buffer_timeout").duration(RuntimeSpec.DEFAULT_BUFFER_TIMEOUT,
                Duration.ZERO, RuntimeSpec.MAX_BUFFER_TIMEOUT, "a longer wait adds that much latency per shuffle");
        int stateCacheKeys = runtime.get("state_cache_keys").integer(RuntimeSpec.DEFAULT_STATE_CACHE_KEYS, 0,
                MAX_STATE_CACHE_KEYS);
        boolean changelog = runtime.get("changelog").bool(false);
        SpecNode materialization = runtime.get("changelog_materialization");
        Duration period = materialization.duration(ChangelogSpec.DEFAULT_MATERIALIZATION,
                ChangelogSpec.MIN_MATERIALIZATION, ChangelogSpec.MAX_MATERIALIZATION,
                "a restore replays the log since the last materialization");
        if (materialization.isPresent() && !changelog) {
            materialization.error("changelog_materialization is set but the changelog is off",
                    "add `changelog: true` to runtime, or remove changelog_materialization");
        }
        SpecNode maxParallelismNode = runtime.get("max_parallelism");
        int maxParallelism = maxParallelismNode.integer(RuntimeSpec.FLINK_DEFAULT_MAX_PARALLELISM, 1,
                RuntimeSpec.UPPER_MAX_PARALLELISM);
        if (maxParallelism != RuntimeSpec.FLINK_DEFAULT_MAX_PARALLELISM && maxParallelism < parallelism) {
            maxParallelismNode.error("max_parallelism " + maxParallelism + " is below parallelism " + parallelism
                    + ": keyed state cannot be split into fewer key groups than subtasks",
                    "raise max_parallelism to at least " + parallelism + " (it is the most subtasks the job's state "
                            + "can ever be spread over), or lower parallelism");
        }
        return runtime.problems().noneSince(mark)
                ? new RuntimeSpec(parallelism, stateBackend, bufferTimeout, stateCacheKeys,
                        changelog ? ChangelogSpec.on(period) : ChangelogSpec.OFF, maxParallelism) : null;
    }
}
