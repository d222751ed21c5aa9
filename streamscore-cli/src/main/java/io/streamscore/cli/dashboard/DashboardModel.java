package io.streamscore.cli.dashboard;

import io.streamscore.flink.metrics.BucketHistogram;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows, computed from the pipeline's Prometheus endpoint (so the page and Prometheus read the
 * same numbers) plus the feed of recent alerts. {@link #refresh} scrapes once and appends a point to the time
 * series (rates from the counters' change since the previous scrape; latency quantiles from the histogram's change
 * over the last {@link #LATENCY_SCRAPES} scrapes); {@link #snapshot} returns everything as a JSON-ready map.
 * Counters continue over a restart of the job's tasks ({@link CounterCarry}).
 * Thread-safe.
 */
public final class DashboardModel {
    /** Points kept per series: five minutes at one scrape a second. */
    static final int HISTORY = 300;
    static final int LATENCY_SCRAPES = 5;
    static final String LATENCY = "streamscore_end_to_end_latency_ms";

    private final MetricsScraper scraper;
    private final RecentAlerts alerts;
    private final long startMillis = System.currentTimeMillis();
    private final Deque<double[]> history = new ArrayDeque<>();
    private final Deque<MetricsView.Buckets> latencyScrapes = new ArrayDeque<>();
    private final CounterCarry counters = new CounterCarry();
    private MetricsView last;
    private long lastMillis;
    private String error = "waiting for the first scrape";

    public DashboardModel(MetricsScraper scraper, RecentAlerts alerts) {
        this.scraper = scraper;
        this.alerts = alerts;
    }

    /** Scrapes the endpoint once; a failed scrape is shown on the page (the job may still be starting). */
    public void refresh() {
        List<MetricSample> samples;
        try {
            samples = scraper.scrape();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                error = "metrics endpoint " + scraper.endpoint() + ": " + e.getMessage();
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        update(samples, System.currentTimeMillis());
    }

    synchronized void update(List<MetricSample> scrape, long nowMillis) {
        MetricsView now = new MetricsView(counters.carry(scrape));
        MetricsView.Buckets latency = now.buckets(LATENCY, s -> s.label("since").equals("ingest_time"));
        latencyScrapes.addLast(latency);
        while (latencyScrapes.size() > LATENCY_SCRAPES + 1) {
            latencyScrapes.removeFirst();
        }
        if (last != null && nowMillis > lastMillis) {
            double seconds = (nowMillis - lastMillis) / 1000.0;
            long[] recent = latency.countsSince(latencyScrapes.peekFirst());
            double[] bounds = latency.finiteBounds();
            history.addLast(new double[] {
                    (nowMillis - startMillis) / 1000.0,
                    rate(now, last, "streamscore_records_in_total", seconds),
                    rate(now, last, "streamscore_scored_total", seconds),
                    rate(now, last, "streamscore_alerts_total", seconds)
                            + rate(now, last, "streamscore_drift_alerts_total", seconds),
                    bounds.length == 0 ? Double.NaN : BucketHistogram.quantile(bounds, recent, 0.5),
                    bounds.length == 0 ? Double.NaN : BucketHistogram.quantile(bounds, recent, 0.99)});
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        last = now;
        lastMillis = nowMillis;
        error = null;
    }

    private static double rate(MetricsView now, MetricsView before, String counter, double seconds) {
        return Math.max(0, now.sum(counter) - before.sum(counter)) / seconds;
    }

    /** Everything the page draws; see dashboard.js for how each key is shown. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("time", System.currentTimeMillis());
        snapshot.put("error", error);
        snapshot.put("series", series());
        MetricsView view = last == null ? new MetricsView(List.of()) : last;
        snapshot.put("totals", DashboardPanels.totals(view));
        snapshot.put("dead_letters_by_reason", DashboardPanels.positive(
                view.byLabel("streamscore_dead_letters_by_reason_total", "reason")));
        snapshot.put("score_histogram", DashboardPanels.scoreHistogram(view));
        snapshot.put("drift", DashboardPanels.drift(view));
        snapshot.put("models", DashboardPanels.models(view));
        snapshot.put("canary_share", DashboardPanels.canaryShare(view));
        snapshot.put("recent_alerts", alerts == null ? List.of() : alerts.newest(15));
        return snapshot;
    }

    private Map<String, List<Double>> series() {
        String[] names = {"t", "events_in", "scored", "alerts", "latency_p50_ms", "latency_p99_ms"};
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            List<Double> values = new ArrayList<>(history.size());
            for (double[] point : history) {
                values.add(Double.isNaN(point[i]) ? null : point[i]);
            }
            series.put(names[i], values);
        }
        return series;
    }
}
