package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;

/** The largest difference between a scorer's outputs and a reference's, single row and in batches of 64. */
final class ParityChecks {
    static final int BATCH = 64;
    static final double TOLERANCE = 1e-6;

    private ParityChecks() {
    }

    /** Asserts that single-row and batched scores of {@link TabularData#UNSEEN} are within {@link #TOLERANCE}. */
    static void assertMatches(Scorer scorer, float[] expected) {
        assertThat(maxSingleRowError(scorer, TabularData.UNSEEN, expected)).as("single row")
                .isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxBatchError(scorer, TabularData.UNSEEN, expected)).as("batches of " + BATCH)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    static double maxSingleRowError(Scorer scorer, TabularData data, float[] expected) {
        double worst = 0;
        for (int r = 0; r < data.rows; r++) {
            worst = Math.max(worst, Math.abs(scorer.score(data.values[r]) - expected[r]));
        }
        return worst;
    }

    static double maxBatchError(Scorer scorer, TabularData data, float[] expected) {
        double[][] rows = new double[BATCH][];
        double[] out = new double[BATCH];
        double worst = 0;
        for (int start = 0; start < data.rows; start += BATCH) {
            int count = Math.min(BATCH, data.rows - start);
            System.arraycopy(data.values, start, rows, 0, count);
            scorer.scoreBatch(rows, count, out);
            for (int r = 0; r < count; r++) {
                worst = Math.max(worst, Math.abs(out[r] - expected[start + r]));
            }
        }
        return worst;
    }

    static double spread(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max - min;
    }
}
