package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.ModelFormat;
import java.nio.file.Path;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * XGBoost models trained by xgboost4j 3.0.4 (10% missing values, thresholds hit exactly, depth 6), converted by
 * {@link XGBoostToOnnx} and scored by ONNX Runtime through {@link OnnxScorer}, against xgboost4j's own predictions
 * on 10,000 unseen rows, single row and in batches: within 1e-6, and regression margins bit-identical.
 */
class OnnxParityTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} trees")
    @CsvSource({"BINARY_LOGISTIC, 100", "BINARY_LOGISTIC, 300", "REG_SQUAREDERROR, 100", "REG_SQUAREDERROR, 300",
            "REG_LOGISTIC, 100", "BINARY_LOGITRAW, 100"})
    void convertedModelScoredByOnnxRuntimeEqualsXGBoost(XGBoostObjective objective, int rounds) throws Exception {
        Path json = dir.resolve("model.json");
        Booster booster = ReferenceBooster.train(TabularData.TRAINING, objective, rounds, json);
        float[] expected;
        try {
            expected = ReferenceBooster.predict(booster, TabularData.UNSEEN, false);
        } finally {
            booster.dispose();
        }
        Path onnx = dir.resolve("model.onnx");
        XGBoostToOnnx.convert(json, onnx);
        try (Scorer scorer = OnnxModel.load(onnx).owningScorer()) {
            assertThat(scorer.info()).isEqualTo(new ModelInfo(ModelFormat.ONNX, objective.xgboostName(), rounds,
                    TabularData.FEATURES));
            assertThat(scorer.featureNames()).containsExactlyElementsOf(List.of(XGBoostJsonModel.load(json)
                    .featureNames()));
            ParityChecks.assertMatches(scorer, expected);
            if (objective == XGBoostObjective.REG_SQUAREDERROR) {
                double error = ParityChecks.maxBatchError(scorer, TabularData.UNSEEN, expected);
                assertThat(error).as("a margin is the same float sum in the same order").isZero();
            }
        }
        assertThat(ParityChecks.spread(expected)).as("the model must not be constant").isGreaterThan(0.1);
    }
}
