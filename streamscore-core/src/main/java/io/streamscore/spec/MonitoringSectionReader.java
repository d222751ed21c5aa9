package io.streamscore.spec;

import java.time.Duration;
import java.util.List;

/** Reads {@code monitoring}: today only {@code drift}, optional, off when absent. */
final class MonitoringSectionReader implements SectionReader<MonitoringSpec> {
    static final List<String> KEYS = List.of("drift");
    static final List<String> DRIFT_KEYS = List.of("enabled", "window", "every", "threshold", "min_samples");

    @Override
    public String section() {
        return "monitoring";
    }

    @Override
    public MonitoringSpec read(SpecNode monitoring) {
        if (!monitoring.isPresent()) {
            return MonitoringSpec.NONE;
        }
        int mark = monitoring.problems().mark();
        if (monitoring.expectMap("monitoring settings (drift)")) {
            monitoring.rejectUnknownKeys(KEYS);
        }
        MonitoringSpec.Drift drift = readDrift(monitoring.get("drift"));
        return monitoring.problems().noneSince(mark) ? new MonitoringSpec(drift) : null;
    }

    private static MonitoringSpec.Drift readDrift(SpecNode drift) {
        if (!drift.isPresent()) {
            return MonitoringSpec.Drift.DISABLED;
        }
        int mark = drift.problems().mark();
        if (drift.expectMap("drift settings (enabled, window, every, threshold, min_samples)")) {
            drift.rejectUnknownKeys(DRIFT_KEYS);
        }
        boolean enabled = drift.get("enabled").bool(true);
        Duration window = drift.get("window").duration(MonitoringSpec.Drift.DEFAULT_WINDOW, Duration.ofSeconds(1),
                Duration.ofDays(7), "a drift window longer than a week hides recent drift");
        Duration every = drift.get("every").duration(MonitoringSpec.Drift.DEFAULT_EVERY, Duration.ofMillis(100),
                Duration.ofDays(1), "drift is checked at least daily");
        double threshold = drift.get("threshold").decimal(MonitoringSpec.Drift.DEFAULT_THRESHOLD, 1e-6, 100);
        int minSamples = drift.get("min_samples").integer(MonitoringSpec.Drift.DEFAULT_MIN_SAMPLES, 1, Integer.MAX_VALUE);
        if (!drift.problems().noneSince(mark)) {
            return null;
        }
        if (window.compareTo(every) < 0 || window.toMillis() % every.toMillis() != 0
                || window.toMillis() / every.toMillis() > MonitoringSpec.Drift.MAX_SLOTS) {
            drift.get("window").error("window " + DurationText.format(window) + " is not a whole multiple of every "
                    + DurationText.format(every) + " (at most " + MonitoringSpec.Drift.MAX_SLOTS + " times it)",
                    "use e.g. `window: 10m` with `every: 30s`");
            return null;
        }
        return new MonitoringSpec.Drift(enabled, window, every, threshold, minSamples);
    }
}
