package io.streamscore.cli.dashboard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Questions the dashboard asks of one scrape: totals, totals by a label, histogram buckets. */
final class MetricsView {
    private final List<MetricSample> samples;

    MetricsView(List<MetricSample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** The sum of every series of {@code name} (0 when there is none; NaN values are skipped). */
    double sum(String name) {
        return sum(name, sample -> true);
    }

    double sum(String name, Predicate<MetricSample> filter) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(filter).mapToDouble(MetricSample::value)
                .filter(v -> !Double.isNaN(v)).sum();
    }

    /** The largest value of {@code name}, NaN when there is none. */
    double max(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(MetricSample::value)
                .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** {@code name}'s values added up per value of {@code label}, sorted by that value. */
    Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> totals = new TreeMap<>();
        samples.stream().filter(s -> s.name().equals(name))
                .forEach(s -> totals.merge(s.label(label), s.value(), Double::sum));
        return totals;
    }

    /** The series of {@code name}, for per-label views with several labels (model and version). */
    List<MetricSample> series(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /**
     * The histogram {@code name} (its {@code _bucket} series) over the series that match: cumulative counts by upper
     * bound, +Inf last, added up over the matching series.
     */
    Buckets buckets(String name, Predicate<MetricSample> filter) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        samples.stream().filter(s -> s.name().equals(name + "_bucket")).filter(filter)
                .forEach(s -> cumulative.merge(upperBound(s.label("le")), s.value(), Double::sum));
        double[] bounds = new double[cumulative.size()];
        long[] counts = new long[cumulative.size()];
        int i = 0;
        for (Map.Entry<Double, Double> entry : cumulative.entrySet()) {
            bounds[i] = entry.getKey();
            counts[i++] = entry.getValue().longValue();
        }
        return new Buckets(bounds, counts);
    }

    private static double upperBound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    /** Cumulative histogram buckets as Prometheus exposes them; {@code bounds} ends with +Inf. */
    record Buckets(double[] bounds, long[] cumulative) {
        static final Buckets EMPTY = new Buckets(new double[0], new long[0]);

        /** Counts per bucket of {@code this} minus {@code earlier} (same bounds), not cumulative. */
        long[] countsSince(Buckets earlier) {
            long[] counts = new long[cumulative.length];
            boolean comparable = java.util.Arrays.equals(bounds, earlier.bounds);
            long previous = 0;
            for (int i = 0; i < counts.length; i++) {
                long now = cumulative[i] - (comparable ? earlier.cumulative[i] : 0);
                counts[i] = Math.max(0, now - previous);
                previous = now;
            }
            return counts;
        }

        /** The finite bounds (without +Inf). */
        double[] finiteBounds() {
            return bounds.length == 0 ? bounds : java.util.Arrays.copyOf(bounds, bounds.length - 1);
        }
    }
}
