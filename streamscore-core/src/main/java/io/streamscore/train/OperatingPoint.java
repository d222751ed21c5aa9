package io.streamscore.train;

/**
 * What a decision threshold does on labelled data: events with {@code score >= threshold} are flagged; precision is
 * the share of flagged events that are positive, recall the share of positives that are flagged.
 */
public record OperatingPoint(double threshold, long truePositives, long falsePositives, long positives) {
    public OperatingPoint {
        if (truePositives < 0 || falsePositives < 0 || truePositives > positives) {
            throw new IllegalArgumentException("inconsistent counts: tp=" + truePositives + " fp=" + falsePositives
                    + " positives=" + positives);
        }
    }

    public long flagged() {
        return truePositives + falsePositives;
    }

    /** 1 when nothing is flagged: no flagged event is wrong. */
    public double precision() {
        return flagged() == 0 ? 1 : (double) truePositives / flagged();
    }

    /** 0 when there are no positives to find. */
    public double recall() {
        return positives == 0 ? 0 : (double) truePositives / positives;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
