package io.streamscore.scoring;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Trains reference models with xgboost4j (single-threaded, depth 6) and predicts with it. */
final class ReferenceBooster {
    private ReferenceBooster() {
    }

    /** Trains {@code rounds} trees for {@code objective} on {@code data} and saves them as JSON to {@code file}. */
    static Booster train(TabularData data, XGBoostObjective objective, int rounds, Path file) throws XGBoostError {
        DMatrix train = new DMatrix(data.flat(), data.rows, TabularData.FEATURES, Float.NaN);
        try {
            train.setLabel(labels(data, objective));
            Map<String, Object> params = Map.of("objective", objective.xgboostName(), "max_depth", 6, "eta", 0.1,
                    "nthread", 1, "tree_method", "hist", "seed", 7, "verbosity", 0);
            Booster booster = XGBoost.train(train, params, rounds, Map.of(), null, null);
            booster.saveModel(file.toString());
            return booster;
        } finally {
            train.dispose();
        }
    }

    /** xgboost4j's predictions for every row of {@code data}: margins, or after the objective's transformation. */
    static float[] predict(Booster booster, TabularData data, boolean margins) throws XGBoostError {
        DMatrix matrix = new DMatrix(data.flat(), data.rows, TabularData.FEATURES, Float.NaN);
        try {
            float[][] predictions = booster.predict(matrix, margins);
            float[] result = new float[data.rows];
            for (int r = 0; r < data.rows; r++) {
                result[r] = predictions[r][0];
            }
            return result;
        } finally {
            matrix.dispose();
        }
    }

    private static float[] labels(TabularData data, XGBoostObjective objective) {
        SplittableRandom noise = new SplittableRandom(99);
        float[] labels = new float[data.rows];
        for (int r = 0; r < data.rows; r++) {
            double probability = 1 / (1 + Math.exp(-data.signal[r]));
            labels[r] = (float) switch (objective) {
                case BINARY_LOGISTIC, BINARY_LOGITRAW -> noise.nextDouble() < probability ? 1 : 0;
                case REG_LOGISTIC -> Math.min(1, Math.max(0, probability + noise.nextGaussian() * 0.05));
                case REG_SQUAREDERROR -> data.signal[r] * 3 + noise.nextGaussian() * 0.3;
            };
        }
        return labels;
    }
}
