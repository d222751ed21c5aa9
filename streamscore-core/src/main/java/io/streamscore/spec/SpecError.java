package io.streamscore.spec;

import java.util.Objects;

/**
 * One thing wrong with a spec: where (a dotted path such as {@code sources.transactions.allowed_lateness}),
 * what, and how to fix it. The path {@link SpecLoader#WHOLE_SPEC} means the spec file as a whole (an empty file,
 * invalid YAML).
 */
public record SpecError(String path, String problem, String fix) {
    public SpecError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + ": ") + problem + " (fix: " + fix + ")";
    }
}
