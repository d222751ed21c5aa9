package io.streamscore.spec;

import java.time.Duration;

/**
 * How the job runs: its parallelism, state backend, and how long a network buffer between operators may wait to fill
 * before it is sent ({@code buffer_timeout}: Flink's {@code execution.buffer-timeout.interval}). Flink's own default of
 * 100 ms is paid at every shuffle (this pipeline has two), which dominated at-least-once latency; the default here is
 * {@link #DEFAULT_BUFFER_TIMEOUT}. {@code state_cache_keys}: with RocksDB, how many keys' window state each feature
 * operator subtask keeps on the heap between checkpoints (0: none; every event then reads and writes its key's
 * whole state in RocksDB). {@code changelog}: Flink's changelog state backend ({@link ChangelogSpec}).
 */
public record RuntimeSpec(int parallelism, StateBackend stateBackend, Duration bufferTimeout, int stateCacheKeys,
                          ChangelogSpec changelog) {
    public static final int DEFAULT_PARALLELISM = 2;
    /** Keys per feature operator subtask whose window state RocksDB runs keep on the heap between checkpoints. */
    public static final int DEFAULT_STATE_CACHE_KEYS = 10_000;
    public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofMillis(5);
    public static final Duration MAX_BUFFER_TIMEOUT = Duration.ofSeconds(1);

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
        return new RuntimeSpec(newParallelism, stateBackend, bufferTimeout, stateCacheKeys, changelog);
    }

    public RuntimeSpec withBufferTimeout(Duration timeout) {
        return new RuntimeSpec(parallelism, stateBackend, timeout, stateCacheKeys, changelog);
    }

    public RuntimeSpec withStateBackend(StateBackend backend) {
        return new RuntimeSpec(parallelism, backend, bufferTimeout, stateCacheKeys, changelog);
    }

    public RuntimeSpec withStateCacheKeys(int keys) {
        return new RuntimeSpec(parallelism, stateBackend, bufferTimeout, keys, changelog);
    }

    public RuntimeSpec withChangelog(ChangelogSpec newChangelog) {
        return new RuntimeSpec(parallelism, stateBackend, bufferTimeout, stateCacheKeys, newChangelog);
    }
}
