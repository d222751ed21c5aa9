package io.streamscore.train;

import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a trained model's scores on its training set into what the registry stores about it: holdout metrics and a
 * suggested threshold, baselines for drift, the training time range and a self-check sample.
 *
 * <p>Metrics ({@code metrics} in the manifest): {@code auc} and {@code pr_auc} on the holdout; {@code train_auc}
 * (far above {@code auc} means overfitting); {@code threshold}, the holdout's best-F1 threshold, with the
 * {@code precision}, {@code recall} and {@code f1} it gives there; row and positive counts of both sides.
 *
 * <p>Baselines: each feature's histogram over the training rows; the score's over the holdout, because in-sample
 * scores are sharper than what the model gives events it has not seen, and live events are unseen ones.
 */
public final class ManifestAssembler {
    /** Self-check rows: enough to catch a feature-order mix-up or a truncated tree, few enough to check at load. */
    public static final int SELF_CHECK_ROWS = 24;
    /**
     * The trainer predicts in float32 and the scorer re-computes in its own float arithmetic; they agree to ~1e-7
     * (parity tests). 1e-5 is loose enough for that and far tighter than any real mismatch.
     */
    public static final double SELF_CHECK_TOLERANCE = 1e-5;

    private ManifestAssembler() {}

    /**
     * @param trainScores   the model's scores of {@code set.train()}, row by row
     * @param holdoutScores the model's scores of {@code set.holdout()}, row by row
     */
    public static ManifestDraft draft(TrainingSet set, String objective, double[] trainScores, double[] holdoutScores) {
        return new ManifestDraft(ModelFormat.XGBOOST_JSON, set.featureNames(), objective, set.train().timeRange(),
                metrics(set, trainScores, holdoutScores), baselines(set, holdoutScores),
                selfCheck(set.holdout(), holdoutScores));
    }

    static Map<String, Double> metrics(TrainingSet set, double[] trainScores, double[] holdoutScores) {
        BinaryMetrics holdout = BinaryMetrics.of(holdoutScores, set.holdout().labels());
        BinaryMetrics train = BinaryMetrics.of(trainScores, set.train().labels());
        OperatingPoint best = holdout.bestF1();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", holdout.auc());
        metrics.put("pr_auc", holdout.prAuc());
        metrics.put("train_auc", train.auc());
        metrics.put(ModelManifest.THRESHOLD_METRIC, best.threshold());
        metrics.put("precision", best.precision());
        metrics.put("recall", best.recall());
        metrics.put("f1", best.f1());
        metrics.put("train_rows", (double) set.train().size());
        metrics.put("train_positives", (double) train.positives());
        metrics.put("holdout_rows", (double) set.holdout().size());
        metrics.put("holdout_positives", (double) holdout.positives());
        return metrics;
    }

    static Baselines baselines(TrainingSet set, double[] holdoutScores) {
        Map<String, Histogram> features = new LinkedHashMap<>();
        for (int f = 0; f < set.featureNames().size(); f++) {
            features.put(set.featureNames().get(f), BaselineHistograms.of(set.train().column(f),
                    BaselineHistograms.DEFAULT_BINS));
        }
        return new Baselines(features, BaselineHistograms.of(holdoutScores, BaselineHistograms.DEFAULT_BINS));
    }

    /** Rows spread evenly over the holdout, plus its first positives, so both branches of the model get checked. */
    static SelfCheck selfCheck(LabeledRows holdout, double[] scores) {
        List<SelfCheckRow> rows = new ArrayList<>();
        int spread = SELF_CHECK_ROWS * 3 / 4;
        for (int i = 0; i < spread && i < holdout.size(); i++) {
            int row = (int) ((long) i * holdout.size() / spread);
            rows.add(new SelfCheckRow(holdout.features()[row], scores[row]));
        }
        for (int row = 0; row < holdout.size() && rows.size() < SELF_CHECK_ROWS; row++) {
            if (holdout.labels()[row]) {
                rows.add(new SelfCheckRow(holdout.features()[row], scores[row]));
            }
        }
        return new SelfCheck(rows, SELF_CHECK_TOLERANCE);
    }
}
