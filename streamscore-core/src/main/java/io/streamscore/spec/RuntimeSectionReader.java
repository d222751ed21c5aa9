package io.streamscore.spec;

import java.util.List;

/** Reads {@code runtime}: parallelism and state backend, both optional. */
final class RuntimeSectionReader implements SectionReader<RuntimeSpec> {
    static final List<String> KEYS = List.of("parallelism", "state_backend");
    static final int MAX_PARALLELISM = 1024;

    @Override
    public String section() {
        return "runtime";
    }

    @Override
    public RuntimeSpec read(SpecNode runtime) {
        int mark = runtime.problems().mark();
        if (runtime.expectMap("runtime settings (parallelism, state_backend)")) {
            runtime.rejectUnknownKeys(KEYS);
        }
        int parallelism = runtime.get("parallelism").integer(RuntimeSpec.DEFAULT_PARALLELISM, 1, MAX_PARALLELISM);
        StateBackend stateBackend = runtime.get("state_backend").choice(StateBackend.class, StateBackend.ROCKSDB);
        return runtime.problems().noneSince(mark) ? new RuntimeSpec(parallelism, stateBackend) : null;
    }
}
