package io.streamscore.cli.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the dashboard's counters counting across a restart of the job's tasks. A failover (a TaskManager lost, a
 * task failing) registers the tasks' metrics again from zero, so the scraped totals fell to 0 and the rates showed a
 * gap. As Prometheus' {@code increase()} does, a counter series that goes down is taken to have restarted: what it
 * had counted is carried into every later value of that series. A counter series missing from a scrape (its task is
 * being redeployed) keeps its last value, so sums and rates never step down and back up. The totals therefore count
 * from the dashboard's first scrape, and events a failover replays from the last checkpoint are counted again: they
 * were processed again. Gauges ({@code canary_share}, PSI, lag) pass unchanged.
 */
final class CounterCarry {
    private final Map<Series, double[]> counters = new LinkedHashMap<>();

    /** The scrape with every counter series continued over restarts, plus the counter series it lacks. */
    List<MetricSample> carry(List<MetricSample> scrape) {
        List<MetricSample> carried = new ArrayList<>(scrape.size());
        Map<Series, double[]> absent = new LinkedHashMap<>(counters);
        for (MetricSample sample : scrape) {
            if (!isCounter(sample.name()) || Double.isNaN(sample.value())) {
                carried.add(sample);
                continue;
            }
            Series series = new Series(sample.name(), sample.labels());
            absent.remove(series);
            double[] lastAndCarried = counters.computeIfAbsent(series, s -> new double[] {sample.value(), 0});
            if (sample.value() < lastAndCarried[0]) {
                lastAndCarried[1] += lastAndCarried[0];
            }
            lastAndCarried[0] = sample.value();
            carried.add(new MetricSample(sample.name(), sample.labels(), sample.value() + lastAndCarried[1]));
        }
        absent.forEach((series, lastAndCarried) -> carried.add(
                new MetricSample(series.name(), series.labels(), lastAndCarried[0] + lastAndCarried[1])));
        return carried;
    }

    /** Prometheus' counter suffixes: counters and a histogram's cumulative buckets and count. */
    static boolean isCounter(String name) {
        return name.endsWith("_total") || name.endsWith("_bucket") || name.endsWith("_count");
    }

    private record Series(String name, Map<String, String> labels) {
    }
}
