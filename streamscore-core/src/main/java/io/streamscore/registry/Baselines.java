package io.streamscore.registry;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training-time distributions that drift is measured against: one {@link Histogram} per model feature (keyed
 * by feature name) and one of the model's score.
 */
public record Baselines(Map<String, Histogram> features, Histogram score) {
    public Baselines {
        if (features == null) {
            throw new IllegalArgumentException("features: required, one histogram per feature");
        }
        features.forEach((name, histogram) -> {
            if (histogram == null) {
                throw new IllegalArgumentException("features." + name + ": the histogram is missing");
            }
        });
        if (score == null) {
            throw new IllegalArgumentException("score: required, the histogram of the training scores");
        }
        features = Collections.unmodifiableMap(new TreeMap<>(features));
    }
}
