package io.streamscore.flink.drift;

import io.streamscore.registry.Histogram;
import io.streamscore.registry.ModelManifest;
import io.streamscore.spec.MonitoringSpec;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the drift monitor watches: the model's features (in its input order) and its score, each with the baseline
 * histogram from the model version's manifest, and the monitor's settings. Built once at job start from the
 * champion's manifest; a model swapped in later keeps being compared with these baselines until the job is
 * resubmitted (a failover keeps this plan, and the checkpointed windows with it).
 */
public record DriftPlan(MonitoringSpec.Drift settings, String modelName, int modelVersion, List<String> features,
                        Map<String, Histogram> featureBaselines, Histogram scoreBaseline) implements Serializable {
    /** The name the score's PSI is reported under (label {@code feature="score"}). */
    public static final String SCORE = "score";

    public DriftPlan {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(scoreBaseline, "scoreBaseline");
        features = List.copyOf(features);
        featureBaselines = Map.copyOf(featureBaselines);
        for (String feature : features) {
            if (!featureBaselines.containsKey(feature)) {
                throw new IllegalArgumentException("model " + modelName + " v" + modelVersion + " has no baseline for "
                        + "feature " + feature + "; register it with baselines for every feature to monitor drift");
            }
        }
    }

    /** The plan for a model version: every feature of the manifest and the score. */
    public static DriftPlan of(MonitoringSpec.Drift settings, ModelManifest manifest) {
        if (manifest.baselines() == null) {
            throw new IllegalArgumentException("monitoring.drift: model " + manifest.name() + " v" + manifest.version()
                    + " has no baselines in its manifest; register it with baselines, or disable drift monitoring");
        }
        return new DriftPlan(settings, manifest.name(), manifest.version(), manifest.featureNames(),
                manifest.baselines().features(), manifest.baselines().score());
    }

    /**
     * The plan for a pipeline whose spec enables {@code monitoring.drift}: its model's champion in the registry;
     * empty when drift monitoring is off. Throws when the registry has no champion for the model.
     */
    public static java.util.Optional<DriftPlan> forSpec(io.streamscore.spec.PipelineSpec spec) {
        MonitoringSpec.Drift settings = spec.monitoring().drift();
        if (!settings.enabled() || spec.model().isEmpty()) {
            return java.util.Optional.empty();
        }
        io.streamscore.spec.ModelSpec model = spec.model().get();
        try {
            ModelManifest champion = io.streamscore.registry.ModelRegistry.open(model.registry()).champion(model.name())
                    .orElseThrow(() -> new IllegalStateException("monitoring.drift: model " + model.name()
                            + " has no champion in " + model.registry() + "; register and promote a version first"));
            return java.util.Optional.of(of(settings, champion));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("monitoring.drift: could not read model " + model.name() + " from "
                    + model.registry(), e);
        }
    }

    /** Every watched value's baseline: the features in input order, then {@link #SCORE}. */
    public Map<String, Histogram> baselines() {
        Map<String, Histogram> all = new LinkedHashMap<>();
        features.forEach(feature -> all.put(feature, featureBaselines.get(feature)));
        all.put(SCORE, scoreBaseline);
        return all;
    }
}
