package io.streamscore.cli.demo;

/**
 * The model's decisions on this run's scored payments against the generator's ground truth. Precision and recall
 * are null while undefined (no positive decisions, no fraud scored yet).
 *
 * @param modelVersion the version that made the latest decision ({@code name:version}); null before any
 */
public record ModelQuality(String modelVersion, long truePositives, long falsePositives, long falseNegatives,
                           long trueNegatives) {
    public static final ModelQuality NONE = new ModelQuality(null, 0, 0, 0, 0);

    public Double precision() {
        long decided = truePositives + falsePositives;
        return decided == 0 ? null : (double) truePositives / decided;
    }

    public Double recall() {
        long fraud = truePositives + falseNegatives;
        return fraud == 0 ? null : (double) truePositives / fraud;
    }

    /** Adds one decision. */
    ModelQuality plus(String version, boolean decision, boolean fraud) {
        return new ModelQuality(version, truePositives + (decision && fraud ? 1 : 0),
                falsePositives + (decision && !fraud ? 1 : 0), falseNegatives + (!decision && fraud ? 1 : 0),
                trueNegatives + (!decision && !fraud ? 1 : 0));
    }
}
