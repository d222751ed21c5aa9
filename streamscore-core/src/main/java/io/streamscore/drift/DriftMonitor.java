package io.streamscore.drift;

import io.streamscore.registry.Histogram;
import io.streamscore.spec.MonitoringSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches named values (a model's features, its score) for drift: each value's distribution over a sliding window
 * of event time ({@link SlidingHistogram}) is compared with its baseline by PSI ({@link PopulationStability}) at
 * each {@link #evaluate}. A value alerts when its PSI passes the threshold with at least {@code minSamples} values
 * in the window, once per episode: it alerts again only after its PSI has come back to the threshold or below.
 * Not thread-safe: one per operator subtask.
 */
public final class DriftMonitor {
    /** The state of one value at one evaluation; {@code psi} is NaN below {@code minSamples}. */
    public record Reading(String name, double psi, long samples, long windowStart, long windowEnd, boolean alert) {}

    private final MonitoringSpec.Drift settings;
    private final List<String> names;
    private final List<Histogram> baselines;
    private final SlidingHistogram[] windows;
    private final boolean[] drifting;

    /** @param baselines the baseline of each watched value by name, in the order {@link #add} takes values */
    public DriftMonitor(MonitoringSpec.Drift settings, Map<String, Histogram> baselines) {
        this.settings = settings;
        Map<String, Histogram> ordered = new LinkedHashMap<>(baselines);
        this.names = List.copyOf(ordered.keySet());
        this.baselines = List.copyOf(ordered.values());
        this.windows = new SlidingHistogram[names.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new SlidingHistogram(this.baselines.get(i), settings.slots(), settings.every().toMillis());
        }
        this.drifting = new boolean[names.size()];
    }

    public List<String> names() {
        return names;
    }

    /** Counts the value of the watched value at {@code index} (NaN: missing). */
    public void add(int index, long eventTime, double value) {
        windows[index].add(eventTime, value);
    }

    /** PSI of every watched value over the window ending at {@code eventTime}, with the alerts that start now. */
    public List<Reading> evaluate(long eventTime) {
        List<Reading> readings = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            windows[i].advanceTo(eventTime);
            Histogram window = windows[i].window();
            long samples = window.total();
            double psi = samples >= settings.minSamples() ? PopulationStability.psi(baselines.get(i), window) : Double.NaN;
            boolean above = psi > settings.threshold();
            boolean alert = above && !drifting[i];
            if (!Double.isNaN(psi)) {
                drifting[i] = above;
            }
            readings.add(new Reading(names.get(i), psi, samples, windows[i].windowStart(),
                    windows[i].windowStart() + settings.window().toMillis(), alert));
        }
        return readings;
    }
}
