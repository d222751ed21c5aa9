package io.streamscore.cli.testing;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A one-split XGBoost tree (binary:logistic) on {@code amount}, registered with real baselines for drift tests:
 * scores {@code sigmoid(leftLeaf)} below the split and {@code sigmoid(rightLeaf)} at or above it; its baselines are
 * the deciles of the training amounts and the training scores.
 */
public final class OneSplitModel {
    private OneSplitModel() {}

    /** Registers and promotes the one-split model over {@code trainingAmounts}; returns its manifest. */
    public static ModelManifest register(Path registry, String name, double[] trainingAmounts, double split,
                                         double leftLeaf, double rightLeaf) throws IOException {
        return register(registry, name, "amount", trainingAmounts, split, leftLeaf, rightLeaf);
    }

    /** The same model split on {@code feature} instead of {@code amount}; a missing value takes the left leaf. */
    public static ModelManifest register(Path registry, String name, String feature, double[] trainingValues,
                                         double split, double leftLeaf, double rightLeaf) throws IOException {
        double[] sorted = trainingValues.clone();
        Arrays.sort(sorted);
        double[] deciles = Arrays.stream(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
                .mapToDouble(i -> sorted[sorted.length * i / 10]).distinct().toArray();
        double low = sigmoid(leftLeaf);
        double high = sigmoid(rightLeaf);
        double[] scores = Arrays.stream(sorted).map(a -> a < split ? low : high).toArray();
        ManifestDraft draft = new ManifestDraft(ModelFormat.XGBOOST_JSON, List.of(feature), "binary:logistic",
                new TrainingTimeRange(0, 1), Map.of(),
                new Baselines(Map.of(feature, count(deciles, sorted)),
                        count(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, scores)),
                new SelfCheck(List.of(new SelfCheckRow(new double[] {split / 2}, low),
                        new SelfCheckRow(new double[] {split * 2}, high)), 1e-6));
        Path modelFile = Files.createTempFile("streamscore-demo-model", ".json");
        try {
            Files.writeString(modelFile, treeJson(List.of(feature), split, leftLeaf, rightLeaf, true));
            ModelRegistry models = ModelRegistry.open(registry);
            ModelManifest manifest = models.register(name, modelFile, draft);
            models.promote(name, manifest.version(), "demo model");
            return manifest;
        } finally {
            Files.deleteIfExists(modelFile);
        }
    }

    private static double sigmoid(double margin) {
        return 1 / (1 + Math.exp(-margin));
    }

    private static Histogram count(double[] edges, double[] values) {
        Histogram bins = new Histogram(edges, new long[edges.length + 1], 0);
        long[] counts = new long[edges.length + 1];
        for (double value : values) {
            counts[bins.binOf(value)]++;
        }
        return new Histogram(edges, counts, 0);
    }

    /** XGBoost 3.0's JSON for one tree on feature 0; base score 0.5 is a margin of 0, so a leaf is the margin. */
    static String treeJson(double split, double leftLeaf, double rightLeaf) {
        return treeJson(List.of("amount"), split, leftLeaf, rightLeaf, true);
    }

    /**
     * The same tree over {@code features}, still split on the first; a missing value takes the left leaf when
     * {@code missingLeft}, else the right one.
     */
    public static String treeJson(List<String> features, double split, double leftLeaf, double rightLeaf,
                                  boolean missingLeft) {
        String tree = """
                {"base_weights": [0, %2$s, %3$s], "categories": [], "categories_nodes": [],
                 "categories_segments": [], "categories_sizes": [], "default_left": [%4$s, 0, 0], "id": 0,
                 "left_children": [1, -1, -1], "loss_changes": [1, 0, 0], "parents": [2147483647, 0, 0],
                 "right_children": [2, -1, -1], "split_conditions": [%1$s, %2$s, %3$s],
                 "split_indices": [0, 0, 0], "split_type": [0, 0, 0], "sum_hessian": [10, 5, 5],
                 "tree_param": {"num_deleted": "0", "num_feature": "%5$s", "num_nodes": "3",
                  "size_leaf_vector": "1"}}
                """.formatted(Double.toString(split), Double.toString(leftLeaf), Double.toString(rightLeaf),
                missingLeft ? 1 : 0, features.size());
        String names = features.stream().map(name -> '"' + name + '"').collect(Collectors.joining(", "));
        return """
                {"learner": {"attributes": {}, "feature_names": [%2$s], "feature_types": [%3$s],
                  "gradient_booster": {"name": "gbtree", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "1"}, "iteration_indptr": [0, 1], "tree_info": [0], "trees": [%1$s]}},
                  "learner_model_param": {"base_score": "5E-1", "boost_from_average": "1", "num_class": "0",
                    "num_feature": "%4$s", "num_target": "1"},
                  "objective": {"name": "binary:logistic"}},
                 "version": [3, 0, 4]}
                """.formatted(tree, names, String.join(", ", Collections.nCopies(features.size(), "\"float\"")),
                features.size());
    }
}
