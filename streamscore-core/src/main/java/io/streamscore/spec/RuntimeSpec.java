package io.streamscore.spec;

/** How the job runs: its parallelism and state backend. */
public record RuntimeSpec(int parallelism, StateBackend stateBackend) {
    public static final int DEFAULT_PARALLELISM = 2;

    public RuntimeSpec {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
    }
}
