package io.streamscore.serving;

import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import io.streamscore.scoring.TinyOnnxGraphs;
import io.streamscore.scoring.XGBoostJsonModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A registry with model {@value #MODEL}: two stumps over {@code amount} and {@code hour}, {@code binary:logistic},
 * written as XGBoost 3.0 JSON, so scores are probabilities that differ per row.
 */
public final class ServingFixtures {
    public static final String MODEL = "fraud";
    static final List<String> FEATURES = List.of("amount", "hour");
    static final double[] SELF_CHECK_ROW = {120, 3};

    private ServingFixtures() {}

    public static ModelRegistry registry(Path dir) throws IOException {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        Path file = dir.resolve("model.json");
        register(registry, file, modelJson(100, 0.8));
        register(registry, file, modelJson(50, -0.4));
        registry.promote(MODEL, 1, "first");
        return registry;
    }

    private static void register(ModelRegistry registry, Path file, String json) throws IOException {
        Files.writeString(file, json);
        register(registry, file, ModelFormat.XGBOOST_JSON, XGBoostJsonModel.load(file).scorer().score(SELF_CHECK_ROW));
    }

    /** Registers {@code file} as the next version, its self-check expecting {@code expected} for {@code {120, 3}}. */
    static void register(ModelRegistry registry, Path file, ModelFormat format, double expected) throws IOException {
        register(registry, MODEL, file, format, expected);
    }

    /** The same for model {@code name}. */
    static void register(ModelRegistry registry, String name, Path file, ModelFormat format, double expected)
            throws IOException {
        double[] row = SELF_CHECK_ROW;
        Histogram bins = new Histogram(new double[] {0.5}, new long[] {1, 1}, 0);
        ManifestDraft draft = new ManifestDraft(format, FEATURES, "binary:logistic",
                new TrainingTimeRange(0, 1), Map.of(), new Baselines(Map.of("amount", bins, "hour", bins), bins),
                new SelfCheck(List.of(new SelfCheckRow(row, expected)), 1e-6)); // ONNX trees compare in float32
        registry.register(name, file, draft);
    }

    /**
     * Registers {@link TinyOnnxGraphs#oneRowOnly()} as version 1 of {@code name} in {@code dir}'s registry: a real
     * model that fails at run time on a batch of two rows or more (and scores one row, its second feature).
     */
    static void registerOneRowOnly(Path dir, String name) throws IOException {
        Path file = Files.write(dir.resolve(name + ".onnx"), TinyOnnxGraphs.oneRowOnly());
        // the score is the second feature: the self-check row {120, 3} scores 3
        register(ModelRegistry.open(dir.resolve("registry")), name, file, ModelFormat.ONNX, 3);
    }

    /** Tree 0 splits amount at {@code amountSplit} (0.9 below, {@code bigLeaf} above); tree 1 splits hour at 6. */
    static String modelJson(double amountSplit, double bigLeaf) {
        String trees = tree(0, 0, amountSplit, 0.9, bigLeaf) + ", " + tree(1, 1, 6, 0.35, -0.5);
        return """
                {"learner": {"attributes": {}, "feature_names": ["amount", "hour"], "feature_types": [],
                  "gradient_booster": {"name": "gbtree", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "2"}, "iteration_indptr": [0, 1, 2], "tree_info": [0, 0], "trees": [%s]}},
                  "learner_model_param": {"base_score": "[2E-1]", "boost_from_average": "1", "num_class": "0",
                    "num_feature": "2", "num_target": "1"},
                  "objective": {"name": "binary:logistic"}},
                 "version": [3, 0, 4]}
                """.formatted(trees);
    }

    private static String tree(int id, int feature, double threshold, double left, double right) {
        return """
                {"base_weights": [0, %s, %s], "categories": [], "categories_nodes": [],
                 "categories_segments": [], "categories_sizes": [], "default_left": [1, 0, 0], "id": %d,
                 "left_children": [1, -1, -1], "loss_changes": [1, 0, 0], "parents": [2147483647, 0, 0],
                 "right_children": [2, -1, -1], "split_conditions": [%s, %s, %s],
                 "split_indices": [%d, 0, 0], "split_type": [0, 0, 0], "sum_hessian": [10, 5, 5],
                 "tree_param": {"num_deleted": "0", "num_feature": "2", "num_nodes": "3", "size_leaf_vector": "1"}}
                """.formatted(left, right, id, threshold, left, right, feature);
    }
}
