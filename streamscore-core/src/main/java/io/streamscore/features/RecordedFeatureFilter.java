package io.streamscore.features;

/**
 * A filter as a checkpoint recorded it: its {@link #source()} (null when it was code, or recorded before filters
 * were), never evaluated. The feature sets restored from checkpoints hold these; their states only read and migrate.
 */
public record RecordedFeatureFilter(String source) implements FeatureFilter {
    @Override
    public boolean test(double[] numbers, String[] strings) {
        throw new UnsupportedOperationException("a recorded filter (" + source + ") is not evaluated: bind the state"
                + " to the job's own feature set first");
    }
}
