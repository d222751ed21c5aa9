package io.streamscore.spec;

import java.time.Duration;
import java.util.List;

/** Reads {@code runtime}: parallelism, state backend and buffer timeout, all optional. */
final class RuntimeSectionReader implements SectionReader<RuntimeSpec> {
    static final List<String> KEYS = List.of("parallelism", "state_backend", "buffer_timeout");
    static final int MAX_PARALLELISM = 1024;

    @Override
    public String section() {
        return "runtime";
    }

    @Override
    public RuntimeSpec read(SpecNode runtime) {
        int mark = runtime.problems().mark();
        if (runtime.expectMap("runtime settings (parallelism, state_backend, buffer_timeout)")) {
            runtime.rejectUnknownKeys(KEYS);
        }
        int parallelism = runtime.get("parallelism").integer(RuntimeSpec.DEFAULT_PARALLELISM, 1, MAX_PARALLELISM);
        StateBackend stateBackend = runtime.get("state_backend").choice(StateBackend.class, StateBackend.ROCKSDB);
        Duration bufferTimeout = runtime.get("buffer_timeout").duration(RuntimeSpec.DEFAULT_BUFFER_TIMEOUT,
                Duration.ZERO, RuntimeSpec.MAX_BUFFER_TIMEOUT, "; a longer wait adds that much latency per shuffle");
        return runtime.problems().noneSince(mark) ? new RuntimeSpec(parallelism, stateBackend, bufferTimeout) : null;
    }
}
