package io.streamscore.spec;

import io.streamscore.registry.ModelManifest;
import io.streamscore.serving.client.RemoteScoringConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code model} section: which registered model scores every event, the decision threshold, where model changes
 * arrive ({@code controlTopic}) and where challengers' scores go ({@code shadowTopic}), and when a canary is rolled
 * back automatically. Serializable: the scoring operator carries it to its tasks.
 *
 * @param registry        the registry directory, an absolute path or a URI
 * @param name            the model's name in the registry; its champion scores the events
 * @param threshold       decision = score >= threshold, in [0, 1]; {@link #THRESHOLD_FROM_MODEL} ({@code threshold:
 *                        model}) for the threshold each version's manifest records
 * @param controlTopic    the topic of {@code ModelControlMessage}s the job listens to
 * @param shadowTopic     challengers' scores (shadows and canaries), never acted on
 * @param includeFeatures whether score records carry the model's input vector
 * @param rollback        the canary guard's limits
 * @param remote          when present, events are scored by this remote Open Inference Protocol server instead of
 *                        in process ({@code model.remote}); null scores in process
 */
public record ModelSpec(String registry, String name, double threshold, String controlTopic, String shadowTopic,
                        boolean includeFeatures, Rollback rollback, RemoteScoringConfig remote)
        implements Serializable {
    /** Scoring in process. */
    public ModelSpec(String registry, String name, double threshold, String controlTopic, String shadowTopic,
                     boolean includeFeatures, Rollback rollback) {
        this(registry, name, threshold, controlTopic, shadowTopic, includeFeatures, rollback, null);
    }

    public ModelSpec {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(controlTopic, "controlTopic");
        Objects.requireNonNull(shadowTopic, "shadowTopic");
        Objects.requireNonNull(rollback, "rollback");
        if (!(threshold >= 0 && threshold <= 1) && !Double.isNaN(threshold)) {
            throw new IllegalArgumentException("model.threshold must be in [0, 1], was " + threshold);
        }
        if (remote != null && Double.isNaN(threshold)) {
            throw new IllegalArgumentException("model.threshold: model reads the registry's manifests; a remote "
                    + "server's versions are not read from it");
        }
    }

    /**
     * {@code threshold: model}: every version decides with the threshold its own manifest records, so a retrained
     * version promoted or run as a canary decides at its own operating point, not its predecessor's.
     */
    public boolean thresholdFromModel() {
        return Double.isNaN(threshold);
    }

    /** The threshold {@code manifest}'s version decides with: the spec's, or the manifest's (NaN when it has none). */
    public double decisionThreshold(ModelManifest manifest) {
        return thresholdFromModel() ? manifest.recordedThreshold() : threshold;
    }

    /** {@link #threshold()} of {@code threshold: model}. */
    public static final double THRESHOLD_FROM_MODEL = Double.NaN;

    /** The remote server that scores, if {@code model.remote} is set. */
    public Optional<RemoteScoringConfig> remoteScoring() {
        return Optional.ofNullable(remote);
    }

    /** The default control topic of a model: one per model name, shared by every pipeline scoring with it. */
    public static String defaultControlTopic(String modelName) {
        return modelName + "-model-control";
    }

    /** The default shadow topic: next to the scores topic. */
    public static String defaultShadowTopic(String scoresTopic) {
        return scoresTopic + "-shadow";
    }

    /**
     * When the canary guard rolls a canary back: its score distribution's PSI against the champion's on the same
     * events exceeds {@code maxPsi} once it has scored {@code minEvents}; or one score takes longer than
     * {@code maxLatency}; or it throws.
     */
    public record Rollback(double maxPsi, long minEvents, Duration maxLatency) implements Serializable {
        public static final double DEFAULT_MAX_PSI = 0.25;
        public static final long DEFAULT_MIN_EVENTS = 1000;
        public static final Duration DEFAULT_MAX_LATENCY = Duration.ofMillis(100);
        public static final Rollback DEFAULTS = new Rollback(DEFAULT_MAX_PSI, DEFAULT_MIN_EVENTS, DEFAULT_MAX_LATENCY);

        public Rollback {
            Objects.requireNonNull(maxLatency, "maxLatency");
            if (!(maxPsi > 0) || Double.isInfinite(maxPsi)) {
                throw new IllegalArgumentException("model.rollback.max_psi must be a positive number, was " + maxPsi);
            }
            if (minEvents < 1) {
                throw new IllegalArgumentException("model.rollback.min_events must be >= 1, was " + minEvents);
            }
            if (maxLatency.isNegative() || maxLatency.isZero()) {
                throw new IllegalArgumentException("model.rollback.max_latency must be positive, was " + maxLatency);
            }
        }
    }
}
