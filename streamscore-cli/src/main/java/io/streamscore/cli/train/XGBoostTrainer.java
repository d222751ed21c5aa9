package io.streamscore.cli.train;

import io.streamscore.train.LabeledRows;
import io.streamscore.train.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a binary:logistic XGBoost model on a {@link TrainingSet}'s training rows with xgboost4j and scores both
 * sides with it. The model is saved in XGBoost's JSON format with the feature names, which the pipeline's
 * plain-Java evaluator reads.
 */
public final class XGBoostTrainer {
    /** The saved model and xgboost4j's own scores of the training and holdout rows. */
    public record TrainedModel(Path modelFile, double[] trainScores, double[] holdoutScores) {}

    private XGBoostTrainer() {}

    /** Trains and writes the model to {@code modelFile} (a {@code .json} name). */
    public static TrainedModel train(TrainingSet set, TrainerParams params, Path modelFile)
            throws IOException, XGBoostError {
        String[] names = set.featureNames().toArray(String[]::new);
        DMatrix train = matrix(set.train(), names);
        try {
            Booster booster = XGBoost.train(train, params.booster(), params.rounds(), Map.of(), null, null);
            try {
                Files.write(modelFile, booster.toByteArray("json"));
                return new TrainedModel(modelFile, predict(booster, train), predictHoldout(booster, set, names));
            } finally {
                booster.dispose();
            }
        } finally {
            train.dispose();
        }
    }

    private static double[] predictHoldout(Booster booster, TrainingSet set, String[] names) throws XGBoostError {
        DMatrix holdout = matrix(set.holdout(), names);
        try {
            return predict(booster, holdout);
        } finally {
            holdout.dispose();
        }
    }

    private static DMatrix matrix(LabeledRows rows, String[] names) throws XGBoostError {
        int width = names.length;
        float[] flat = new float[rows.size() * width];
        float[] labels = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.features()[r];
            for (int f = 0; f < width; f++) {
                flat[r * width + f] = (float) row[f];
            }
            labels[r] = rows.labels()[r] ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(flat, rows.size(), width, Float.NaN);
        matrix.setLabel(labels);
        matrix.setFeatureNames(names);
        return matrix;
    }

    private static double[] predict(Booster booster, DMatrix matrix) throws XGBoostError {
        float[][] predictions = booster.predict(matrix);
        double[] scores = new double[predictions.length];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = predictions[r][0];
        }
        return scores;
    }
}
