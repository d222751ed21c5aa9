package io.streamscore.scoring;

import io.streamscore.registry.ModelFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An XGBoost tree ensemble loaded from XGBoost's JSON model format and evaluated in plain Java, with the same
 * predictions as XGBoost's CPU predictor (same float arithmetic, same missing-value routing, same base score).
 *
 * <p>Supported: booster {@code gbtree} with numeric splits, one output, objectives {@code binary:logistic},
 * {@code binary:logitraw}, {@code reg:logistic} and {@code reg:squarederror}. Everything else (DART, gblinear,
 * categorical splits, multi-class or multi-target models, other objectives) is refused by {@link #load} with a
 * {@link ModelLoadException} that says what and why, never scored approximately.
 *
 * <p>Immutable and safe to share between threads. Each thread takes its own {@link #scorer()}, which is cheap: it
 * shares the model's arrays and adds one small row buffer.
 */
public final class XGBoostJsonModel {
    private final String[] featureNames;
    private final XGBoostObjective objective;
    private final TreeEnsemble ensemble;

    XGBoostJsonModel(String[] featureNames, XGBoostObjective objective, TreeEnsemble ensemble) {
        this.featureNames = featureNames.clone();
        this.objective = objective;
        this.ensemble = ensemble;
    }

    /**
     * Reads a model from {@code in} (not closed).
     *
     * @throws ModelLoadException if the model is malformed or uses something we do not evaluate exactly
     * @throws UncheckedIOException if reading fails
     */
    public static XGBoostJsonModel load(InputStream in) {
        try {
            return XGBoostJsonReader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the XGBoost model", e);
        }
    }

    /** Reads a model from a file; see {@link #load(InputStream)}. */
    public static XGBoostJsonModel load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the XGBoost model " + file, e);
        }
    }

    /** Feature names in model order (XGBoost's {@code f0, f1, ...} when it was trained without names). */
    public String[] featureNames() {
        return featureNames.clone();
    }

    public XGBoostObjective objective() {
        return objective;
    }

    public ModelInfo info() {
        return new ModelInfo(ModelFormat.XGBOOST_JSON, objective.xgboostName(), ensemble.treeCount(),
                ensemble.featureCount());
    }

    /** A new scorer over this model, for use by one thread at a time. */
    public Scorer scorer() {
        return new XGBoostScorer(this);
    }

    /**
     * The untransformed sum of base margin and tree outputs, as XGBoost's {@code output_margin=True} returns. For
     * diagnostics and tests: it allocates a buffer per call, which {@link #scorer()} does not.
     */
    public float margin(double[] row) {
        float[] encoded = new float[ensemble.encodedWidth()];
        ensemble.encode(row, encoded, 0);
        return ensemble.margin(encoded, 0);
    }

    TreeEnsemble ensemble() {
        return ensemble;
    }
}
