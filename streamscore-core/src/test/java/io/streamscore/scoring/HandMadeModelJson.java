package io.streamscore.scoring;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * A one-split XGBoost JSON model written by hand, so that every field a test cares about is visible: the root splits
 * on feature 1 at {@code threshold} (left leaf 0.25, right leaf -0.75); the other fields are XGBoost 3.0's defaults.
 */
final class HandMadeModelJson {
    String booster = "gbtree";
    String objective = "reg:squarederror";
    String baseScore = "[5E-1]";
    String numClass = "0";
    String numTarget = "1";
    String threshold = "5E-1";
    String defaultLeft = "1";
    String splitIndices = "[1, 0, 0]";
    String splitType = "[0, 0, 0]";
    String categories = "[]";
    String featureNames = "[]";

    XGBoostJsonModel load() {
        return XGBoostJsonModel.load(new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8)));
    }

    String json() {
        String tree = """
                {"base_weights": [0, 0.25, -0.75], "categories": %s, "categories_nodes": [],
                 "categories_segments": [], "categories_sizes": [], "default_left": [%s, 0, 0], "id": 0,
                 "left_children": [1, -1, -1], "loss_changes": [1, 0, 0], "parents": [2147483647, 0, 0],
                 "right_children": [2, -1, -1], "split_conditions": [%s, 2.5E-1, -7.5E-1],
                 "split_indices": %s, "split_type": %s, "sum_hessian": [10, 5, 5],
                 "tree_param": {"num_deleted": "0", "num_feature": "2", "num_nodes": "3", "size_leaf_vector": "1"}}
                """.formatted(categories, defaultLeft, threshold, splitIndices, splitType);
        return """
                {"learner": {"attributes": {}, "feature_names": %s, "feature_types": [],
                  "gradient_booster": {"name": "%s", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "1"}, "iteration_indptr": [0, 1], "tree_info": [0], "trees": [%s]}},
                  "learner_model_param": {"base_score": "%s", "boost_from_average": "1", "num_class": "%s",
                    "num_feature": "2", "num_target": "%s"},
                  "objective": {"name": "%s"}},
                 "version": [3, 0, 4]}
                """.formatted(featureNames, booster, tree, baseScore, numClass, numTarget, objective);
    }
}
