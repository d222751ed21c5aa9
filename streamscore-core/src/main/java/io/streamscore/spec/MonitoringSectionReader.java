package io.streamscore.spec;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/** Reads {@code monitoring}: today only {@code drift}, optional, off when absent. */
final class MonitoringSectionReader implements SectionReader<MonitoringSpec> {
    static final List<String> KEYS = List.of("drift");
    static final List<String> DRIFT_KEYS = List.of("enabled", "window", "every", "threshold", "min_samples");
    private static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Duration MIN_EVERY = Duration.ofMillis(100);
    private static final Duration MAX_EVERY = Duration.ofDays(1);

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
        int durations = drift.problems().mark();
        Duration window = drift.get("window").duration(MonitoringSpec.Drift.DEFAULT_WINDOW, MIN_WINDOW, MAX_WINDOW,
                "a drift window longer than a week hides recent drift");
        Duration every = drift.get("every").duration(MonitoringSpec.Drift.DEFAULT_EVERY, MIN_EVERY, MAX_EVERY,
                "drift is checked at least daily");
        // Slots are judged whenever window and every themselves are valid, so a bad threshold does not hide them.
        String problem = drift.problems().noneSince(durations) ? slotProblem(window, every) : null;
        if (problem != null) {
            // Blame the key that was written: a default that fails is the consequence, not the mistake.
            boolean onEvery = drift.get("every").isPresent() && !drift.get("window").isPresent();
            drift.get(onEvery ? "every" : "window").error(problem, onEvery ? everyFix(window) : windowFix(every));
        }
        double threshold = drift.get("threshold").decimal(MonitoringSpec.Drift.DEFAULT_THRESHOLD, 1e-6, 100);
        int minSamples = drift.get("min_samples")
                .integer(MonitoringSpec.Drift.DEFAULT_MIN_SAMPLES, 1, Integer.MAX_VALUE);
        if (!drift.problems().noneSince(mark)) {
            return null;
        }
        return new MonitoringSpec.Drift(enabled, window, every, threshold, minSamples);
    }

    /** Why {@code every} cannot cut {@code window} into slots, or null when it can. */
    private static String slotProblem(Duration window, Duration every) {
        String w = DurationText.format(window);
        String e = DurationText.format(every);
        if (every.compareTo(window) > 0) {
            return "every " + e + " is longer than the window " + w;
        }
        if (window.toMillis() % every.toMillis() != 0) {
            return "window " + w + " is not a whole multiple of every " + e;
        }
        long slots = window.toMillis() / every.toMillis();
        if (slots > MonitoringSpec.Drift.MAX_SLOTS) {
            return "every " + e + " cuts the window " + w + " into " + slots + " slots, more than the maximum "
                    + MonitoringSpec.Drift.MAX_SLOTS + " (each slot holds a histogram per feature)";
        }
        return null;
    }

    private static String everyFix(Duration window) {
        long millis = window.toMillis();
        long example = LongStream.of(20, 10, 60, 100, MonitoringSpec.Drift.MAX_SLOTS)
                .filter(slots -> millis % slots == 0 && millis / slots >= MIN_EVERY.toMillis())
                .map(slots -> millis / slots).findFirst().orElse(millis);
        return "use an `every` that divides the window " + DurationText.format(window) + " into at most "
                + MonitoringSpec.Drift.MAX_SLOTS + " slots, e.g. `every: "
                + DurationText.format(Duration.ofMillis(example)) + "`";
    }

    private static String windowFix(Duration every) {
        long slots = Math.max(1, Math.min(20, MAX_WINDOW.toMillis() / every.toMillis()));
        return "use a `window` that is a whole multiple of every " + DurationText.format(every) + ", at most "
                + MonitoringSpec.Drift.MAX_SLOTS + " times it and at most " + DurationText.format(MAX_WINDOW)
                + ", e.g. `window: " + DurationText.format(every.multipliedBy(slots)) + "`";
    }
}
