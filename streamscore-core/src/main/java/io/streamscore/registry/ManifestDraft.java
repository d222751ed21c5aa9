package io.streamscore.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a trainer says about a model when it registers it: everything in a {@link ModelManifest} except what the
 * registry assigns (name, version, creation time, checksum). Those four keys are ignored when a draft is read from
 * JSON, so the manifest of a version in one registry can be registered in another as it is.
 *
 * <p>Guarantees after construction: at least one feature, names unique and non-blank; one baseline histogram per
 * feature and none for anything else; every self-check row has one value per feature; metrics are finite, and
 * {@code auc} and {@code pr_auc}, when given, are within [0, 1].
 */
@JsonIgnoreProperties({"name", "version", "created_at_millis", "sha256"})
public record ManifestDraft(ModelFormat format, List<String> featureNames, String objective,
                            TrainingTimeRange trainingTimeRange, Map<String, Double> metrics, Baselines baselines,
                            SelfCheck selfCheck) {
    private static final Set<String> PROBABILITY_METRICS = Set.of("auc", "pr_auc");

    public ManifestDraft {
        required(format, "format", "xgboost-json or onnx");
        featureNames = checkFeatureNames(featureNames);
        if (objective == null || objective.isBlank()) {
            throw new IllegalArgumentException("objective: required, e.g. `binary:logistic`");
        }
        required(trainingTimeRange, "training_time_range", "{\"from_millis\": ..., \"to_millis\": ...}");
        metrics = checkMetrics(metrics);
        required(baselines, "baselines", "one histogram per feature and one of the score");
        checkBaselines(baselines, featureNames);
        required(selfCheck, "self_check", "a few rows with their expected scores");
        checkSelfCheck(selfCheck, featureNames.size());
    }

    private static void required(Object value, String field, String example) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": required (" + example + ")");
        }
    }

    private static List<String> checkFeatureNames(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("feature_names: at least one feature name is required, in the "
                    + "order the model expects its inputs");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("feature_names[" + i + "]: a feature name must not be blank");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("feature_names[" + i + "]: '" + name + "' appears twice");
            }
        }
        return List.copyOf(names);
    }

    private static Map<String, Double> checkMetrics(Map<String, Double> metrics) {
        if (metrics == null) {
            return Map.of();
        }
        metrics.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metrics." + name + ": " + value + " is not a finite number");
            }
            if (PROBABILITY_METRICS.contains(name) && (value < 0 || value > 1)) {
                throw new IllegalArgumentException("metrics." + name + ": " + value + " is outside [0, 1]");
            }
        });
        return Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    private static void checkBaselines(Baselines baselines, List<String> featureNames) {
        for (String feature : featureNames) {
            if (!baselines.features().containsKey(feature)) {
                throw new IllegalArgumentException("baselines.features: no histogram for feature '" + feature
                        + "'; every name in feature_names needs one");
            }
        }
        for (String feature : baselines.features().keySet()) {
            if (!featureNames.contains(feature)) {
                throw new IllegalArgumentException("baselines.features." + feature + ": '" + feature
                        + "' is not in feature_names " + featureNames);
            }
        }
    }

    private static void checkSelfCheck(SelfCheck selfCheck, int featureCount) {
        for (int i = 0; i < selfCheck.rows().size(); i++) {
            int given = selfCheck.rows().get(i).features().length;
            if (given != featureCount) {
                throw new IllegalArgumentException("self_check.rows[" + i + "].features: " + given
                        + " values, but feature_names has " + featureCount);
            }
        }
    }
}
