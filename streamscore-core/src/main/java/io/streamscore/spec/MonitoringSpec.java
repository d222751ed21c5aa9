package io.streamscore.spec;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code monitoring} section: what the pipeline watches about itself beyond its metrics. Today: drift.
 *
 * @param drift the drift monitor's settings ({@link Drift#DISABLED} when the section or its key is absent)
 */
public record MonitoringSpec(Drift drift) implements Serializable {
    public static final MonitoringSpec NONE = new MonitoringSpec(Drift.DISABLED);

    public MonitoringSpec {
        Objects.requireNonNull(drift, "drift");
    }

    /**
     * {@code monitoring.drift}: every {@code every} of event time, the population stability index (PSI) of each model
     * feature and of the score over the last {@code window} of event time, against the baselines in the model's
     * manifest; a drift alert when a PSI passes {@code threshold} with at least {@code minSamples} values in the
     * window.
     */
    public record Drift(boolean enabled, Duration window, Duration every, double threshold, int minSamples)
            implements Serializable {
        public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
        public static final Duration DEFAULT_EVERY = Duration.ofSeconds(30);
        public static final double DEFAULT_THRESHOLD = 0.2;
        public static final int DEFAULT_MIN_SAMPLES = 500;
        /** The most slots a window is cut into ({@code window / every}): each slot holds one histogram per feature. */
        public static final int MAX_SLOTS = 1_000;
        public static final Drift DISABLED = new Drift(false, DEFAULT_WINDOW, DEFAULT_EVERY, DEFAULT_THRESHOLD,
                DEFAULT_MIN_SAMPLES);

        public Drift {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(every, "every");
            if (every.isNegative() || every.isZero() || window.compareTo(every) < 0) {
                throw new IllegalArgumentException("monitoring.drift: every (" + every + ") must be positive and at "
                        + "most window (" + window + ")");
            }
            if (window.toMillis() % every.toMillis() != 0 || window.toMillis() / every.toMillis() > MAX_SLOTS) {
                throw new IllegalArgumentException("monitoring.drift.window (" + window + ") must be a whole multiple "
                        + "of every (" + every + "), at most " + MAX_SLOTS + " times it");
            }
            if (!(threshold > 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("monitoring.drift.threshold must be a positive number, was "
                        + threshold);
            }
            if (minSamples < 1) {
                throw new IllegalArgumentException("monitoring.drift.min_samples must be >= 1, was " + minSamples);
            }
        }

        /** How many {@code every}-long slots make the window. */
        public int slots() {
            return (int) (window.toMillis() / every.toMillis());
        }
    }
}
