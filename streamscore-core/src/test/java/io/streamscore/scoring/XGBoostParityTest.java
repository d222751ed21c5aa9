package io.streamscore.scoring;

import io.streamscore.registry.ModelFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.ModelFormat;
import java.nio.file.Path;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our evaluator against xgboost4j 3.0.4 itself: models trained by xgboost4j on data with missing values and
 * thresholds hit exactly, saved as JSON, loaded by us; both predict the same 10,000 unseen rows. Margins must be the
 * identical float; transformed outputs may differ by the last bits of {@code expf}, within 1e-6.
 */
class XGBoostParityTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} trees")
    @CsvSource({"BINARY_LOGISTIC, 100", "BINARY_LOGISTIC, 300", "REG_SQUAREDERROR, 100", "REG_SQUAREDERROR, 300",
            "REG_LOGISTIC, 100", "REG_LOGISTIC, 300", "BINARY_LOGITRAW, 100"})
    void scoresEqualXGBoostPredictionsOnUnseenRows(XGBoostObjective objective, int rounds) throws Exception {
        Path file = dir.resolve("model.json");
        Booster booster = ReferenceBooster.train(TabularData.TRAINING, objective, rounds, file);
        float[] expected;
        float[] expectedMargins;
        try {
            expected = ReferenceBooster.predict(booster, TabularData.UNSEEN, false);
            expectedMargins = ReferenceBooster.predict(booster, TabularData.UNSEEN, true);
        } finally {
            booster.dispose();
        }
        XGBoostJsonModel model = XGBoostJsonModel.load(file);
        assertThat(rowsWithDifferentMargin(model, expectedMargins)).as("margins are the same float sum").isZero();
        try (Scorer scorer = model.scorer()) {
            assertThat(scorer.info()).isEqualTo(new ModelInfo(ModelFormat.XGBOOST_JSON, objective.xgboostName(),
                    rounds, TabularData.FEATURES));
            ParityChecks.assertMatches(scorer, expected);
        }
        assertThat(ParityChecks.spread(expected)).as("the model must not be constant").isGreaterThan(0.1);
    }

    private static int rowsWithDifferentMargin(XGBoostJsonModel model, float[] expectedMargins) {
        int different = 0;
        for (int r = 0; r < TabularData.UNSEEN.rows; r++) {
            different += model.margin(TabularData.UNSEEN.values[r]) == expectedMargins[r] ? 0 : 1;
        }
        return different;
    }
}
