package io.streamscore.cli.train;

import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.train.LabeledRows;
import io.streamscore.train.ManifestAssembler;
import io.streamscore.train.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains on a {@link TrainingSet}, checks that the pipeline's own evaluator computes what xgboost4j computed (the
 * manifest's self-check, before anything is registered), and registers the version, promoting it if asked.
 */
public final class TrainingRun {
    /** The registered version and how long training took. */
    public record Outcome(ModelManifest manifest, boolean promoted, double trainSeconds) {}

    private TrainingRun() {}

    /**
     * Refuses a set XGBoost cannot learn from or that cannot be evaluated: binary:logistic needs fraud and legitimate
     * rows to train on (with one class only, xgboost4j dies natively on {@code base_score}), and AUC and the best-F1
     * threshold need both in the holdout.
     *
     * @param remedy how the caller gets more labeled events, e.g. "generate more payments with --events"
     * @throws IllegalArgumentException saying how many rows of each class each side has, and the remedy
     */
    public static void requireBothClasses(TrainingSet set, String remedy) {
        LabeledRows train = set.train();
        LabeledRows holdout = set.holdout();
        if (hasBothClasses(train) && hasBothClasses(holdout)) {
            return;
        }
        throw new IllegalArgumentException(String.format("cannot train on this training set: the training rows hold "
                        + "%,d fraud and %,d legitimate events, the holdout %,d fraud and %,d legitimate; a model "
                        + "needs both classes on each side of the time split. %s",
                train.positives(), train.size() - train.positives(), holdout.positives(),
                holdout.size() - holdout.positives(), remedy));
    }

    private static boolean hasBothClasses(LabeledRows rows) {
        return rows.positives() > 0 && rows.positives() < rows.size();
    }

    public static Outcome trainAndRegister(TrainingSet set, TrainerParams params, ModelRegistry registry, String name,
                                           boolean promote) throws IOException {
        Path workDir = Files.createTempDirectory("streamscore-train");
        try {
            long started = System.nanoTime();
            XGBoostTrainer.TrainedModel model = XGBoostTrainer.train(set, params, workDir.resolve("model.json"));
            double trainSeconds = (System.nanoTime() - started) / 1e9;
            ManifestDraft draft = ManifestAssembler.draft(set, TrainerParams.OBJECTIVE, model.trainScores(),
                    model.holdoutScores());
            checkEvaluatorAgrees(model.modelFile(), draft);
            ModelManifest manifest = registry.register(name, model.modelFile(), draft);
            if (promote) {
                registry.promote(name, manifest.version(), "trained by streamscore train");
            }
            return new Outcome(manifest, promote, trainSeconds);
        } catch (XGBoostError e) {
            throw new IOException("xgboost4j failed to train: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(workDir.resolve("model.json"));
            Files.deleteIfExists(workDir);
        }
    }

    private static void checkEvaluatorAgrees(Path modelFile, ManifestDraft draft) {
        try (Scorer scorer = XGBoostJsonModel.load(modelFile).scorer()) {
            for (SelfCheckRow row : draft.selfCheck().rows()) {
                double score = scorer.score(row.features());
                if (Math.abs(score - row.expectedScore()) > draft.selfCheck().tolerance()) {
                    throw new IllegalStateException("the plain-Java evaluator scores a self-check row " + score
                            + " where xgboost4j scored " + row.expectedScore() + "; not registering this model");
                }
            }
        }
    }
}
