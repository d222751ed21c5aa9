package io.streamscore.registry;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a pipeline needs to know about one registered model version, stored as {@code manifest.json} next to
 * the model file: identity (name, version), how to read it (format, feature names in input order, objective),
 * provenance (training time range, metrics, creation time), what drift is measured against (baselines), what a
 * loader checks before serving it (self-check sample), and the SHA-256 of the model file, which every read of the
 * model bytes verifies.
 *
 * <p>The content is validated as in {@link ManifestDraft}; the registry-assigned fields are checked here. Error
 * messages name the JSON field.
 */
public record ModelManifest(String name, int version, ModelFormat format, List<String> featureNames, String objective,
                            TrainingTimeRange trainingTimeRange, Map<String, Double> metrics, Baselines baselines,
                            SelfCheck selfCheck, long createdAtMillis, String sha256) {
    /** The metric {@code train} records: the holdout's best-F1 decision threshold. */
    public static final String THRESHOLD_METRIC = "threshold";
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ModelManifest {
        ModelName.check(name);
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " is not a positive integer");
        }
        if (createdAtMillis < 0) {
            throw new IllegalArgumentException("created_at_millis: " + createdAtMillis + " is before 1970");
        }
        if (sha256 == null || !SHA_256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256: '" + sha256
                    + "' is not a SHA-256 digest (64 lowercase hex digits)");
        }
        // The draft validates the content and returns normalized, immutable copies.
        ManifestDraft content = new ManifestDraft(format, featureNames, objective, trainingTimeRange, metrics,
                baselines, selfCheck);
        featureNames = content.featureNames();
        metrics = content.metrics();
    }

    /** The manifest of version {@code version} of model {@code name}, registered from {@code draft}. */
    public static ModelManifest of(String name, int version, ManifestDraft draft, long createdAtMillis, String sha256) {
        return new ModelManifest(name, version, draft.format(), draft.featureNames(), draft.objective(),
                draft.trainingTimeRange(), draft.metrics(), draft.baselines(), draft.selfCheck(), createdAtMillis,
                sha256);
    }

    /** The user-supplied part, e.g. to register the same model in another registry. */
    public ManifestDraft draft() {
        return new ManifestDraft(format, featureNames, objective, trainingTimeRange, metrics, baselines, selfCheck);
    }

    /** The model file's name in the version directory, from the format. */
    public String modelFileName() {
        return format.fileName();
    }

    /** The decision threshold this version records ({@value #THRESHOLD_METRIC}, in [0, 1]); NaN when none is. */
    public double recordedThreshold() {
        Double recorded = metrics.get(THRESHOLD_METRIC);
        return recorded != null && recorded >= 0 && recorded <= 1 ? recorded : Double.NaN;
    }
}
