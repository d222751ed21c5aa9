package io.streamscore.cli.testing;

import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real XGBoost JSON models small enough to reason about: one split on the transaction's {@code amount}, scoring
 * probability {@code low} below {@code split} and {@code high} from it on (binary:logistic, base_score 0.5, so the
 * leaves are the logits). Registered with a self-check sample scored by the evaluator, as a trainer would record
 * it, or with a lying one, which makes a version that loads but must be refused.
 */
public final class TreeModels {
    public static final double SPLIT = 50;

    private TreeModels() {}

    /** The model's score for an amount, as the evaluator computes it. */
    public static double expectedScore(double low, double high, double amount) {
        try (Scorer scorer = XGBoostJsonModel.load(new ByteArrayInputStream(json(low, high)
                .getBytes(StandardCharsets.UTF_8))).scorer()) {
            return scorer.score(new double[] {amount});
        }
    }

    /** Registers the model as the next version of {@code name}; {@code honest} false makes its self-check fail. */
    public static int register(ModelRegistry registry, String name, double low, double high, boolean honest, Path dir)
            throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "model-", ".json"), json(low, high));
        double[] lowRow = {10};
        double[] highRow = {500};
        double lowScore = honest ? expectedScore(low, high, 10) : 0.5;
        Histogram amounts = new Histogram(new double[] {SPLIT}, new long[] {1, 1}, 0);
        Histogram scores = new Histogram(new double[] {0.5}, new long[] {1, 1}, 0);
        ManifestDraft draft = new ManifestDraft(ModelFormat.XGBOOST_JSON, List.of("amount"), "binary:logistic",
                new TrainingTimeRange(0, 1), Map.of("auc", 0.5), new Baselines(Map.of("amount", amounts), scores),
                new SelfCheck(List.of(new SelfCheckRow(lowRow, lowScore),
                        new SelfCheckRow(highRow, expectedScore(low, high, 500))), 1e-6));
        return registry.register(name, file, draft).version();
    }

    static String json(double low, double high) {
        return OneSplitModel.treeJson((float) SPLIT, logit(low), logit(high));
    }

    private static float logit(double p) {
        return (float) Math.log(p / (1 - p));
    }
}
