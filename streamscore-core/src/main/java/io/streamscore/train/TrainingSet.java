package io.streamscore.train;

import java.util.List;

/**
 * A point-in-time-correct training set split by event time: the model learns from {@link #train()}, the earlier
 * rows, and is judged on {@link #holdout()}, every row of which happened after the last training row, as it will
 * be in production. {@code counts} says what the join kept and dropped.
 */
public record TrainingSet(List<String> featureNames, LabeledRows train, LabeledRows holdout,
                          TrainingSetBuilder.Counts counts) {
    public TrainingSet {
        featureNames = List.copyOf(featureNames);
    }
}
