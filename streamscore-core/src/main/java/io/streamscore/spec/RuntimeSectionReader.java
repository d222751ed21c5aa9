package io.streamscore.spec;

import java.time.Duration;
import java.util.List;

/** Reads {@code runtime}: parallelism, state backend, buffer timeout and state cache size, all optional. */
final class RuntimeSectionReader implements SectionReader<RuntimeSpec> {
    static final List<String> KEYS = List.of("parallelism", "state_backend", "buffer_timeout", "state_cache_keys");
    static final int MAX_PARALLELISM = 1024;
    static final int MAX_STATE_CACHE_KEYS = 10_000_000;

    @Override
    public String section() {
        return "runtime";
    }

    @Override
    public RuntimeSpec read(SpecNode runtime) {
        int mark = runtime.problems().mark();
        if (runtime.expectMap("runtime settings (parallelism, state_backend, buffer_timeout, state_cache_keys)")) {
            runtime.rejectUnknownKeys(KEYS);
        }
        int parallelism = runtime.get("parallelism").integer(RuntimeSpec.DEFAULT_PARALLELISM, 1, MAX_PARALLELISM);
        StateBackend stateBackend = runtime.get("state_backend").choice(StateBackend.class, StateBackend.ROCKSDB);
        Duration bufferTimeout = runtime.get("buffer_timeout").duration(RuntimeSpec.DEFAULT_BUFFER_TIMEOUT,
                Duration.ZERO, RuntimeSpec.MAX_BUFFER_TIMEOUT, "a longer wait adds that much latency per shuffle");
        int stateCacheKeys = runtime.get("state_cache_keys").integer(RuntimeSpec.DEFAULT_STATE_CACHE_KEYS, 0,
                MAX_STATE_CACHE_KEYS);
        return runtime.problems().noneSince(mark)
                ? new RuntimeSpec(parallelism, stateBackend, bufferTimeout, stateCacheKeys) : null;
    }
}
