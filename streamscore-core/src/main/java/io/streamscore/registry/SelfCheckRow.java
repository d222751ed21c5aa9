package io.streamscore.registry;

import java.util.Arrays;

/**
 * One stored input of the load-time self-check: the feature values in the manifest's feature order (NaN = missing;
 * written {@code "NaN"} in JSON) and the score the model gave them when it was trained.
 */
public record SelfCheckRow(double[] features, double expectedScore) {
    public SelfCheckRow {
        if (features == null) {
            throw new IllegalArgumentException("features: required, one value per feature name");
        }
        if (!Double.isFinite(expectedScore)) {
            throw new IllegalArgumentException("expected_score: " + expectedScore + " is not a finite number");
        }
        features = features.clone();
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SelfCheckRow that && Arrays.equals(features, that.features)
                && Double.compare(expectedScore, that.expectedScore) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Double.hashCode(expectedScore);
    }

    @Override
    public String toString() {
        return "SelfCheckRow[features=" + Arrays.toString(features) + ", expectedScore=" + expectedScore + "]";
    }
}
