package io.streamscore.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A registered model with real baselines, for drift tests: one input, {@code amount}, and an XGBoost stump that
 * splits at the training data's median amount (score 0.269 below, 0.731 at or above). Its baselines are the
 * training amounts in deciles and the training scores, both computed from the "training" records given.
 */
public final class DriftModelFixture {
    public static final String MODEL = "drift-fraud";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double LOW = 1 / (1 + Math.exp(1.0));
    private static final double HIGH = 1 / (1 + Math.exp(-1.0));

    private DriftModelFixture() {}

    /** Registers and promotes the model in a registry at {@code registry}; returns its manifest. */
    public static ModelManifest register(Path registry, List<GeneratedRecord> training) throws IOException {
        double[] amounts = training.stream().mapToDouble(DriftModelFixture::amount).filter(a -> !Double.isNaN(a))
                .sorted().toArray();
        double median = amounts[amounts.length / 2];
        double[] deciles = new double[9];
        for (int i = 1; i <= 9; i++) {
            deciles[i - 1] = amounts[amounts.length * i / 10];
        }
        deciles = Arrays.stream(deciles).distinct().toArray();
        Histogram amountBaseline = count(deciles, amounts);
        double[] scores = Arrays.stream(amounts).map(a -> a < median ? LOW : HIGH).toArray();
        Histogram scoreBaseline = count(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, scores);
        ManifestDraft draft = new ManifestDraft(ModelFormat.XGBOOST_JSON, List.of("amount"), "binary:logistic",
                new TrainingTimeRange(0, 1), Map.of("auc", 0.5),
                new Baselines(Map.of("amount", amountBaseline), scoreBaseline),
                new SelfCheck(List.of(new SelfCheckRow(new double[] {median / 2}, LOW),
                        new SelfCheckRow(new double[] {median * 2}, HIGH)), 1e-6));
        Path modelFile = Files.writeString(Files.createTempFile("stump", ".json"), stump(median));
        ModelRegistry models = ModelRegistry.open(registry);
        ModelManifest manifest = models.register(MODEL, modelFile, draft);
        models.promote(MODEL, manifest.version(), "drift test");
        Files.delete(modelFile);
        return manifest;
    }

    private static Histogram count(double[] edges, double[] values) {
        Histogram empty = new Histogram(edges, new long[edges.length + 1], 0);
        long[] counts = new long[edges.length + 1];
        for (double value : values) {
            counts[empty.binOf(value)]++;
        }
        return new Histogram(edges, counts, 0);
    }

    public static double amount(GeneratedRecord record) {
        try {
            return JSON.readTree(record.value()).path("amount").asDouble(Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One tree: amount < split -> leaf -1, else +1; binary:logistic with base score 0.5 (margin 0). */
    private static String stump(double split) {
        String tree = """
                {"base_weights": [0, -1, 1], "categories": [], "categories_nodes": [],
                 "categories_segments": [], "categories_sizes": [], "default_left": [1, 0, 0], "id": 0,
                 "left_children": [1, -1, -1], "loss_changes": [1, 0, 0], "parents": [2147483647, 0, 0],
                 "right_children": [2, -1, -1], "split_conditions": [%s, -1, 1],
                 "split_indices": [0, 0, 0], "split_type": [0, 0, 0], "sum_hessian": [10, 5, 5],
                 "tree_param": {"num_deleted": "0", "num_feature": "1", "num_nodes": "3", "size_leaf_vector": "1"}}
                """.formatted(Double.toString(split));
        return """
                {"learner": {"attributes": {}, "feature_names": ["amount"], "feature_types": ["float"],
                  "gradient_booster": {"name": "gbtree", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "1"}, "iteration_indptr": [0, 1], "tree_info": [0], "trees": [%s]}},
                  "learner_model_param": {"base_score": "5E-1", "boost_from_average": "1", "num_class": "0",
                    "num_feature": "1", "num_target": "1"},
                  "objective": {"name": "binary:logistic"}},
                 "version": [3, 0, 4]}
                """.formatted(tree);
    }
}
