package io.streamscore.cli.dashboard;

import io.streamscore.cli.dashboard.MetricsView.Buckets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The dashboard's panels, each computed from one scrape of the metrics endpoint. */
final class DashboardPanels {
    private DashboardPanels() {}

    static Map<String, Object> totals(MetricsView view) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("events_in", view.sum("streamscore_records_in_total"));
        totals.put("scored", view.sum("streamscore_scored_total"));
        totals.put("alerts", view.sum("streamscore_alerts_total"));
        totals.put("drift_alerts", view.sum("streamscore_drift_alerts_total"));
        totals.put("dead_letters", view.sum("streamscore_dead_letters_total"));
        totals.put("late", view.sum("streamscore_late_events_total"));
        totals.put("rollbacks", view.sum("streamscore_model_rollbacks_total"));
        totals.put("watermark_lag_ms", nullIfNaN(view.max("streamscore_watermark_lag_ms")));
        totals.put("checkpoint_duration_ms", nullIfNaN(view.max("streamscore_checkpoint_duration_ms")));
        return totals;
    }

    static Map<String, Double> positive(Map<String, Double> values) {
        Map<String, Double> positive = new TreeMap<>();
        values.forEach((key, value) -> {
            if (value > 0) {
                positive.put(key, value);
            }
        });
        return positive;
    }

    /** Every model version's scores added up: bucket upper bounds and counts (not cumulative). */
    static Map<String, Object> scoreHistogram(MetricsView view) {
        Buckets buckets = view.buckets("streamscore_model_score", s -> true);
        Map<String, Object> histogram = new LinkedHashMap<>();
        histogram.put("bounds", buckets.finiteBounds());
        long[] counts = buckets.countsSince(Buckets.EMPTY);
        histogram.put("counts", counts.length == 0 ? counts : java.util.Arrays.copyOf(counts, counts.length - 1));
        return histogram;
    }

    /** PSI and samples per watched value (model inputs and {@code score}), largest PSI first. */
    static List<Map<String, Object>> drift(MetricsView view) {
        Map<String, Double> samples = view.byLabel("streamscore_drift_samples", "feature");
        List<Map<String, Object>> drift = new ArrayList<>();
        view.byLabel("streamscore_drift_psi", "feature").forEach((feature, psi) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("feature", feature);
            row.put("psi", nullIfNaN(psi));
            row.put("samples", samples.getOrDefault(feature, 0.0));
            drift.add(row);
        });
        drift.sort((a, b) -> Double.compare(psiOf(b), psiOf(a)));
        return drift;
    }

    private static double psiOf(Map<String, Object> row) {
        return row.get("psi") == null ? -1 : (Double) row.get("psi");
    }

    /**
     * Model versions with the events each scored and its share of the busiest version's events: the champion scores
     * every event (canary events too, for the guard's comparison), so a canary's share is its split.
     */
    static List<Map<String, Object>> models(MetricsView view) {
        List<Map<String, Object>> models = new ArrayList<>();
        double busiest = 0;
        for (MetricSample sample : view.series("streamscore_model_events_total")) {
            busiest = Math.max(busiest, sample.value());
        }
        for (MetricSample sample : view.series("streamscore_model_events_total")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", sample.label("model"));
            row.put("version", sample.label("version"));
            row.put("events", sample.value());
            row.put("share", busiest == 0 ? 0 : sample.value() / busiest);
            Buckets latency = view.buckets("streamscore_model_latency_us",
                    s -> s.label("model").equals(sample.label("model"))
                            && s.label("version").equals(sample.label("version")));
            double[] bounds = latency.finiteBounds();
            row.put("latency_p50_us", bounds.length == 0 ? null : nullIfNaN(io.streamscore.flink.metrics.BucketHistogram
                    .quantile(bounds, latency.countsSince(Buckets.EMPTY), 0.5)));
            models.add(row);
        }
        return models;
    }

    /**
     * Per model, the share of scored events a canary decided since the current serving plan
     * ({@code streamscore_model_canary_share}); null before the first event.
     */
    static Map<String, Double> canaryShare(MetricsView view) {
        Map<String, Double> shares = new java.util.TreeMap<>();
        view.series("streamscore_model_canary_share").forEach(s -> shares.put(s.label("model"), nullIfNaN(s.value())));
        return shares;
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
