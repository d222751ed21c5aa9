package io.streamscore.spec;

import java.nio.file.Path;

/**
 * Reads a YAML pipeline spec and validates every field before anything starts.
 * TODO(spec helper): implement; see the class Javadoc of PipelineSpec and README "Pipeline spec".
 */
public final class SpecLoader {
    private SpecLoader() {}

    /** Loads and validates a spec file; relative paths in it (schemas) resolve against the file's folder. */
    public static PipelineSpec load(Path file) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Loads and validates spec text; relative paths resolve against {@code baseDir}. */
    public static PipelineSpec parse(String yaml, Path baseDir) {
        throw new UnsupportedOperationException("not yet");
    }
}
