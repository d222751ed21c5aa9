package io.streamscore.scoring;

import io.streamscore.registry.ModelFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.ModelFormat;
import java.nio.file.Path;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our evaluator against xgboost4j 3.0.4 itself: models trained by xgboost4j on data with missing values and
 * thresholds hit exactly, saved as JSON, loaded by us; both predict the same 10,000 unseen rows. Margins must be the
 * identical float; transformed outputs may differ by the last bits of {@code expf}, within 1e-6.
 */
class XGBoostParityTest {
    private static final double TOLERANCE = 1e-6;
    private static final int BATCH = 64;
    private static TabularData training;
    private static TabularData unseen;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateData() {
        training = TabularData.generate(4_000, 1);
        unseen = TabularData.generate(10_000, 2);
    }

    @ParameterizedTest(name = "{0}, {1} trees")
    @CsvSource({"BINARY_LOGISTIC, 100", "BINARY_LOGISTIC, 300", "REG_SQUAREDERROR, 100", "REG_SQUAREDERROR, 300",
            "REG_LOGISTIC, 100", "REG_LOGISTIC, 300", "BINARY_LOGITRAW, 100"})
    void scoresEqualXGBoostPredictionsOnUnseenRows(XGBoostObjective objective, int rounds) throws Exception {
        Path file = dir.resolve("model.json");
        Booster booster = ReferenceBooster.train(training, objective, rounds, file);
        float[] expected;
        float[] expectedMargins;
        try {
            expected = ReferenceBooster.predict(booster, unseen, false);
            expectedMargins = ReferenceBooster.predict(booster, unseen, true);
        } finally {
            booster.dispose();
        }
        XGBoostJsonModel model = XGBoostJsonModel.load(file);
        assertThat(rowsWithDifferentMargin(model, expectedMargins)).as("margins are the same float sum").isZero();
        try (Scorer scorer = model.scorer()) {
            assertThat(scorer.info()).isEqualTo(new ModelInfo(ModelFormat.XGBOOST_JSON, objective.xgboostName(),
                    rounds, TabularData.FEATURES));
            assertThat(maxSingleRowError(scorer, expected)).isLessThanOrEqualTo(TOLERANCE);
            assertThat(maxBatchError(scorer, expected)).isLessThanOrEqualTo(TOLERANCE);
        }
        assertThat(spread(expected)).as("the model must not be constant").isGreaterThan(0.1);
    }

    private static double maxSingleRowError(Scorer scorer, float[] expected) {
        double worst = 0;
        for (int r = 0; r < unseen.rows; r++) {
            worst = Math.max(worst, Math.abs(scorer.score(unseen.values[r]) - expected[r]));
        }
        return worst;
    }

    private static int rowsWithDifferentMargin(XGBoostJsonModel model, float[] expectedMargins) {
        int different = 0;
        for (int r = 0; r < unseen.rows; r++) {
            different += model.margin(unseen.values[r]) == expectedMargins[r] ? 0 : 1;
        }
        return different;
    }

    private static double maxBatchError(Scorer scorer, float[] expected) {
        double[][] rows = new double[BATCH][];
        double[] out = new double[BATCH];
        double worst = 0;
        for (int start = 0; start < unseen.rows; start += BATCH) {
            int count = Math.min(BATCH, unseen.rows - start);
            System.arraycopy(unseen.values, start, rows, 0, count);
            scorer.scoreBatch(rows, count, out);
            for (int r = 0; r < count; r++) {
                worst = Math.max(worst, Math.abs(out[r] - expected[start + r]));
            }
        }
        return worst;
    }

    private static double spread(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max - min;
    }
}
