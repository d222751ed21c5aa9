package io.streamscore.cli.testing;

import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import io.streamscore.scoring.XGBoostJsonModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A registry holding model {@value #NAME} version 1 (the champion): {@code binary:logistic} over the transaction's
 * {@code amount} and {@code velocity} (no such field: always missing, so the missing-value path is scored too), two
 * trees in XGBoost 3.0's JSON format.
 */
public final class TestModels {
    public static final String NAME = "fraud";

    private TestModels() {}

    public static ModelRegistry registry(Path dir) throws IOException {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        register(registry, List.of("amount", "velocity"), dir);
        registry.promote(NAME, 1, "test model");
        return registry;
    }

    /**
     * Registers the same model as the next version of {@value #NAME}, taking its two features in {@code features}'
     * order ({@code amount} and {@code velocity}, either way round); returns the version.
     */
    public static int register(ModelRegistry registry, List<String> features, Path dir) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "fraud-model-", ".json"), json(features));
        double[] row = new double[2];
        row[features.indexOf("amount")] = 250;
        row[features.indexOf("velocity")] = Double.NaN;
        Histogram bins = new Histogram(new double[] {100}, new long[] {1, 1}, 0);
        ManifestDraft draft = new ManifestDraft(ModelFormat.XGBOOST_JSON, features,
                "binary:logistic", new TrainingTimeRange(0, 1), Map.of(),
                new Baselines(Map.of("amount", bins, "velocity", bins), bins),
                new SelfCheck(List.of(new SelfCheckRow(row, XGBoostJsonModel.load(file).scorer().score(row))), 1e-9));
        return registry.register(NAME, file, draft).version();
    }

    private static String json(List<String> features) {
        int amount = features.indexOf("amount");
        int velocity = features.indexOf("velocity");
        String trees = stump(0, amount, 100, -1.2, 1.4) + ", " + stump(1, amount, 20, 0.6, -0.3) + ", "
                + stump(2, velocity, 3, 0.2, 0.9);
        return """
                {"learner": {"attributes": {}, "feature_names": ["%s", "%s"], "feature_types": [],
                  "gradient_booster": {"name": "gbtree", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "3"}, "iteration_indptr": [0, 1, 2, 3], "tree_info": [0, 0, 0], "trees": [%s]}},
                  "learner_model_param": {"base_score": "[3E-1]", "boost_from_average": "1", "num_class": "0",
                    "num_feature": "2", "num_target": "1"},
                  "objective": {"name": "binary:logistic"}},
                 "version": [3, 0, 4]}
                """.formatted(features.get(0), features.get(1), trees);
    }

    /** One split of {@code feature} at {@code threshold}; missing values go right (default_left 0). */
    private static String stump(int id, int feature, double threshold, double below, double above) {
        return ("{\"base_weights\": [0, %s, %s], \"categories\": [], \"categories_nodes\": [],"
                + " \"categories_segments\": [], \"categories_sizes\": [], \"default_left\": [0, 0, 0], \"id\": %d,"
                + " \"left_children\": [1, -1, -1], \"loss_changes\": [1, 0, 0], \"parents\": [2147483647, 0, 0],"
                + " \"right_children\": [2, -1, -1], \"split_conditions\": [%s, %s, %s],"
                + " \"split_indices\": [%d, 0, 0], \"split_type\": [0, 0, 0], \"sum_hessian\": [10, 5, 5],"
                + " \"tree_param\": {\"num_deleted\": \"0\", \"num_feature\": \"2\", \"num_nodes\": \"3\","
                + " \"size_leaf_vector\": \"1\"}}").formatted(below, above, id, threshold, below, above, feature);
    }
}
