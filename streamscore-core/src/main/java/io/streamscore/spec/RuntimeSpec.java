package io.streamscore.spec;

import java.time.Duration;

/**
 * How the job runs: its parallelism, state backend, and how long a network buffer between operators may wait to fill
 * before it is sent ({@code buffer_timeout}: Flink's {@code execution.buffer-timeout.interval}). Flink's own default of
 * 100 ms is paid at every shuffle (this pipeline has two), which dominated at-least-once latency; the default here is
 * {@link #DEFAULT_BUFFER_TIMEOUT}. {@code state_cache_keys}: with RocksDB, how many keys' window state each feature
 * operator subtask keeps on the heap between checkpoints (0: none; every event then reads and writes its key's
 * whole state in RocksDB). {@code changelog}: Flink's changelog state backend ({@link ChangelogSpec}).
 * {@code maxParallelism}: the number of key groups keyed state is split into, the most subtasks a job and every
 * job resumed from its state can have ({@link #FLINK_DEFAULT_MAX_PARALLELISM}: Flink derives it from the first run's
 * parallelism, 128 up to a parallelism of 85); fixed by the first checkpoint for the life of the state.
 */
public record RuntimeSpec(int parallelism, StateBackend stateBackend, Duration bufferTimeout, int stateCacheKeys,
                          ChangelogSpec changelog, int maxParallelism) {
    public static final int DEFAULT_PARALLELISM = 2;
    /** Keys per feature operator subtask whose window state RocksDB runs keep on the heap between checkpoints. */
    public static final int DEFAULT_STATE_CACHE_KEYS = 10_000;
    public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofMillis(5);
    public static final Duration MAX_BUFFER_TIMEOUT = Duration.ofSeconds(1);
    /** {@code max_parallelism} not set: Flink derives it from the parallelism of the job's first run. */
    public static final int FLINK_DEFAULT_MAX_PARALLELISM = 0;
    /** Flink's upper bound for the number of key groups (2^15). */
    public static final int UPPER_MAX_PARALLELISM = 32_768;

    public RuntimeSpec {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        if (bufferTimeout == null || bufferTimeout.isNegative() || bufferTimeout.compareTo(MAX_BUFFER_TIMEOUT) > 0) {
            throw new IllegalArgumentException("buffer_timeout must be 0 .. 1s, was " + bufferTimeout);
        }
        if (stateCacheKeys < 0) {
            throw new IllegalArgumentException("state_cache_keys must be >= 0, was " + stateCacheKeys);
        }
        if (changelog == null) {
            throw new IllegalArgumentException("changelog must not be null (ChangelogSpec.OFF for none)");
        }
        if (maxParallelism != FLINK_DEFAULT_MAX_PARALLELISM
                && (maxParallelism < parallelism || maxParallelism > UPPER_MAX_PARALLELISM)) {
            throw new IllegalArgumentException("max_parallelism must be parallelism (" + parallelism + ") .. "
                    + UPPER_MAX_PARALLELISM + ", was " + maxParallelism);
        }
    }

    public RuntimeSpec(int parallelism, StateBackend stateBackend, Duration bufferTimeout, int stateCacheKeys,
                       ChangelogSpec changelog) {
        this(parallelism, stateBackend, bufferTimeout, stateCacheKeys, changelog, FLINK_DEFAULT_MAX_PARALLELISM);
    }

    public RuntimeSpec(int parallelism, StateBackend stateBackend, Duration bufferTimeout, int stateCacheKeys) {
        this(parallelism, stateBackend, bufferTimeout, stateCacheKeys, ChangelogSpec.OFF);
    }

    public RuntimeSpec(int parallelism, StateBackend stateBackend, Duration bufferTimeout) {
        this(parallelism, stateBackend, bufferTimeout, DEFAULT_STATE_CACHE_KEYS);
    }

    public RuntimeSpec(int parallelism, StateBackend stateBackend) {
        this(parallelism, stateBackend, DEFAULT_BUFFER_TIMEOUT);
    }

    public RuntimeSpec withParallelism(int newParallelism) {
        return new RuntimeSpec(newParallelism, stateBackend, bufferTimeout, stateCacheKeys, changelog, maxParallelism);
    }

    public RuntimeSpec withBufferTimeout(Duration timeout) {
        return new RuntimeSpec(parallelism, stateBackend, timeout, stateCacheKeys, changelog, maxParallelism);
    }

    public RuntimeSpec withStateBackend(StateBackend backend) {
        return new RuntimeSpec(parallelism, backend, bufferTimeout, stateCacheKeys, changelog, maxParallelism);
    }

    public RuntimeSpec withStateCacheKeys(int keys) {
        return new RuntimeSpec(parallelism, stateBackend, bufferTimeout, keys, changelog, maxParallelism);
    }

    public RuntimeSpec withChangelog(ChangelogSpec newChangelog) {
        return new RuntimeSpec(parallelism, stateBackend, bufferTimeout, stateCacheKeys, newChangelog, maxParallelism);
    }

    public RuntimeSpec withMaxParallelism(int newMaxParallelism) {
        return new RuntimeSpec(parallelism, stateBackend, bufferTimeout, stateCacheKeys, changelog, newMaxParallelism);
    }
}
