package io.streamscore.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads XGBoost's JSON model format (schema of XGBoost 1.0 to 3.x) into a {@link XGBoostJsonModel}, refusing every
 * construct whose predictions we would not reproduce exactly.
 *
 * <p>Floats are parsed from their decimal text straight to float ({@code USE_BIG_DECIMAL_FOR_FLOATS}): going through
 * double first could round a threshold to a neighbouring float in rare cases and flip a split.
 */
final class XGBoostJsonReader {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private XGBoostJsonReader() {
    }

    /** The model as XGBoost's JSON states it, trees checked only for consistent array lengths. */
    record Parsed(String[] featureNames, XGBoostObjective objective, float baseMargin, List<XGBoostTree> trees,
            int featureCount) {
    }

    static XGBoostJsonModel read(InputStream in) throws IOException {
        Parsed parsed = parse(in);
        return new XGBoostJsonModel(parsed.featureNames(), parsed.objective(),
                TreeEnsemble.of(parsed.trees(), parsed.baseMargin(), parsed.featureCount()));
    }

    static Parsed parse(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ModelLoadException("not an XGBoost JSON model: the file is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        JsonNode learner = required(root, "learner");
        JsonNode params = required(learner, "learner_model_param");
        rejectMultipleOutputs(params);
        XGBoostObjective objective = XGBoostObjective.fromXGBoostName(
                required(required(learner, "objective"), "name").asText());
        int featureCount = intParam(params, "num_feature");
        float baseMargin = objective.baseMargin(baseScore(required(params, "base_score")));
        List<XGBoostTree> trees = readTrees(treeBooster(learner));
        return new Parsed(featureNames(learner, featureCount), objective, baseMargin, trees, featureCount);
    }

    private static JsonNode treeBooster(JsonNode learner) {
        JsonNode booster = required(learner, "gradient_booster");
        String name = required(booster, "name").asText();
        switch (name) {
            case "gbtree":
                return required(booster, "model");
            case "dart":
                throw new ModelLoadException("booster 'dart' is not supported: DART weights and drops trees, which "
                        + "a plain sum of tree outputs does not reproduce; retrain with booster=gbtree");
            case "gblinear":
                throw new ModelLoadException("booster 'gblinear' is not supported: it is a linear model, not a tree "
                        + "ensemble; retrain with booster=gbtree");
            default:
                throw new ModelLoadException("booster '" + name + "' is not supported: only gbtree is evaluated");
        }
    }

    private static void rejectMultipleOutputs(JsonNode params) {
        int classes = params.has("num_class") ? intParam(params, "num_class") : 0;
        int targets = params.has("num_target") ? intParam(params, "num_target") : 1;
        if (classes > 1 || targets > 1) {
            throw new ModelLoadException("a model with " + Math.max(classes, 1) + " classes and " + targets
                    + " targets is not supported: a Scorer returns one score per row");
        }
    }

    private static List<XGBoostTree> readTrees(JsonNode model) {
        JsonNode trees = required(model, "trees");
        if (!trees.isArray() || trees.isEmpty()) {
            throw new ModelLoadException("the model has no trees, so it cannot score");
        }
        List<XGBoostTree> result = new ArrayList<>(trees.size());
        for (int t = 0; t < trees.size(); t++) {
            result.add(readTree(trees.get(t), t));
        }
        return result;
    }

    private static XGBoostTree readTree(JsonNode tree, int index) {
        rejectCategoricalSplits(tree, index);
        JsonNode treeParam = tree.path("tree_param");
        if (treeParam.has("size_leaf_vector") && intParam(treeParam, "size_leaf_vector") > 1) {
            throw new ModelLoadException("tree " + index + " has vector leaves (multi_strategy=multi_output_tree), "
                    + "which are not supported: a Scorer returns one score per row");
        }
        return new XGBoostTree(ints(tree, "left_children"), ints(tree, "right_children"),
                ints(tree, "split_indices"), floats(tree, "split_conditions"), flags(tree, "default_left"));
    }

    private static void rejectCategoricalSplits(JsonNode tree, int index) {
        boolean categorical = tree.path("categories").size() > 0 || tree.path("categories_nodes").size() > 0;
        for (JsonNode type : tree.path("split_type")) {
            categorical |= type.asInt() != 0;
        }
        if (categorical) {
            throw new ModelLoadException("tree " + index + " has categorical splits, which are not supported: they "
                    + "route by category sets, not by a threshold; one-hot or ordinal-encode the feature instead");
        }
    }

    private static String[] featureNames(JsonNode learner, int featureCount) {
        JsonNode names = learner.path("feature_names");
        String[] result = new String[featureCount];
        if (names.size() == 0) {
            for (int i = 0; i < featureCount; i++) {
                result[i] = "f" + i; // XGBoost's own names for unnamed features
            }
            return result;
        }
        if (names.size() != featureCount) {
            throw new ModelLoadException("the model lists " + names.size() + " feature names for " + featureCount
                    + " features, so rows cannot be ordered");
        }
        for (int i = 0; i < featureCount; i++) {
            result[i] = names.get(i).asText();
        }
        return result;
    }

    /** XGBoost 2.x writes {@code "5E-1"}; 3.x may write a vector {@code "[5E-1]"} (one entry per target). */
    private static float baseScore(JsonNode node) {
        String text = node.asText().trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new ModelLoadException("base_score '" + node.asText() + "' is not a number", e);
        }
    }

    private static int intParam(JsonNode params, String field) {
        String text = required(params, field).asText();
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ModelLoadException(field + " '" + text + "' is not an integer", e);
        }
    }

    private static int[] ints(JsonNode tree, String field) {
        JsonNode array = requiredArray(tree, field);
        int[] result = new int[array.size()];
        for (int i = 0; i < result.length; i++) {
            JsonNode value = array.get(i);
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw new ModelLoadException("not an XGBoost JSON model: '" + field + "' holds " + value);
            }
            result[i] = value.intValue();
        }
        return result;
    }

    private static float[] floats(JsonNode tree, String field) {
        JsonNode array = requiredArray(tree, field);
        float[] result = new float[array.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = floatValue(array.get(i), field);
        }
        return result;
    }

    /** A number, or a text XGBoost may use for non-finite values ("Infinity", "NaN"); anything else is refused. */
    private static float floatValue(JsonNode value, String field) {
        if (value.isNumber()) {
            return value.isBigDecimal() ? value.decimalValue().floatValue() : value.floatValue();
        }
        try {
            return Float.parseFloat(value.asText());
        } catch (NumberFormatException e) {
            throw new ModelLoadException("not an XGBoost JSON model: '" + field + "' holds " + value, e);
        }
    }

    /** XGBoost 1.x writes booleans, later versions 0/1 integers. */
    private static boolean[] flags(JsonNode tree, String field) {
        JsonNode array = requiredArray(tree, field);
        boolean[] result = new boolean[array.size()];
        for (int i = 0; i < result.length; i++) {
            JsonNode value = array.get(i);
            result[i] = value.isBoolean() ? value.booleanValue() : value.asInt() != 0;
        }
        return result;
    }

    private static JsonNode requiredArray(JsonNode parent, String field) {
        JsonNode node = required(parent, field);
        if (!node.isArray()) {
            throw new ModelLoadException("not an XGBoost JSON model: '" + field + "' is not an array");
        }
        return node;
    }

    private static JsonNode required(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new ModelLoadException("not an XGBoost JSON model: field '" + field + "' is missing");
        }
        return node;
    }
}
