package io.streamscore.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Valid manifests and model files for registry tests: two features, amount and hour. */
final class ManifestFixtures {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final long TRAINED_FROM = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    static final long TRAINED_TO = Instant.parse("2025-05-01T00:00:00Z").toEpochMilli();

    private ManifestFixtures() {}

    static Histogram histogram() {
        return new Histogram(new double[] {0, 10, 100}, new long[] {1, 20, 30, 4}, 2);
    }

    static ManifestDraft draft() {
        return new ManifestDraft(ModelFormat.XGBOOST_JSON, List.of("amount", "hour"), "binary:logistic",
                new TrainingTimeRange(TRAINED_FROM, TRAINED_TO), Map.of("auc", 0.91, "pr_auc", 0.42),
                new Baselines(Map.of("amount", histogram(), "hour", histogram()),
                        new Histogram(new double[] {0.1, 0.5, 0.9}, new long[] {50, 30, 10, 5}, 0)),
                new SelfCheck(List.of(new SelfCheckRow(new double[] {12.5, 3}, 0.12),
                        new SelfCheckRow(new double[] {Double.NaN, 23}, 0.87)), 1e-6));
    }

    static ModelManifest manifest() {
        return ModelManifest.of("fraud", 3, draft(), NOW.toEpochMilli(), ModelChecksum.sha256(modelContent(3)));
    }

    static byte[] modelContent(int seed) {
        return ("{\"learner\": {\"trees\": " + seed + "}}").getBytes(StandardCharsets.UTF_8);
    }

    static Path modelFile(Path directory, int seed) throws IOException {
        return Files.write(directory.resolve("model-" + seed + ".json"), modelContent(seed));
    }
}
