package io.streamscore.flink.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;

/**
 * The Flink metrics the reporter exports, turned into Prometheus snapshots at each scrape. The subtasks of an
 * operator register the same {@link MetricIdentity}; they are combined into one series: counters, meters,
 * {@link SummedGauge}s and {@link BucketHistogram}s are added up, {@link ShareGauge}s report the share of the sums,
 * other gauges report the largest value (the worst lag, the highest PSI), and other histograms (sampled, not
 * addable) report the quantiles of the subtask that saw the most values.
 */
final class ExportedMetrics implements MultiCollector {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private final Map<MetricIdentity, List<Metric>> metrics = new ConcurrentHashMap<>();

    void add(MetricIdentity identity, Metric metric) {
        metrics.computeIfAbsent(identity, id -> new CopyOnWriteArrayList<>()).add(metric);
    }

    void remove(MetricIdentity identity, Metric metric) {
        metrics.computeIfPresent(identity, (id, list) -> {
            list.remove(metric);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, List<Map.Entry<MetricIdentity, List<Metric>>>> byName = new TreeMap<>();
        for (Map.Entry<MetricIdentity, List<Metric>> entry : metrics.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                byName.computeIfAbsent(PrometheusNaming.sanitizeMetricName(entry.getKey().name()),
                        name -> new ArrayList<>()).add(entry);
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byName.forEach((name, series) -> snapshots.add(snapshot(name, series)));
        return new MetricSnapshots(snapshots);
    }

    private static MetricSnapshot snapshot(String name, List<Map.Entry<MetricIdentity, List<Metric>>> series) {
        Metric first = series.get(0).getValue().get(0);
        if (first instanceof Counter) {
            CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name);
            series.forEach(s -> counter.dataPoint(CounterDataPointSnapshot.builder().labels(labels(s.getKey()))
                    .value(s.getValue().stream().mapToLong(m -> ((Counter) m).getCount()).sum()).build()));
            return counter.build();
        }
        if (first instanceof BucketHistogram) {
            HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(name);
            series.forEach(s -> histogram.dataPoint(buckets(labels(s.getKey()), s.getValue())));
            return histogram.build();
        }
        if (first instanceof Histogram) {
            SummarySnapshot.Builder summary = SummarySnapshot.builder().name(name);
            series.forEach(s -> summary.dataPoint(quantiles(labels(s.getKey()), s.getValue())));
            return summary.build();
        }
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name);
        series.forEach(s -> gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(s.getKey()))
                .value(gaugeValue(s.getValue())).build()));
        return gauge.build();
    }

    private static HistogramDataPointSnapshot buckets(Labels labels, List<Metric> histograms) {
        BucketHistogram reference = (BucketHistogram) histograms.get(0);
        double[] bounds = reference.upperBounds();
        long[] counts = new long[bounds.length + 1];
        double sum = 0;
        for (Metric metric : histograms) {
            BucketHistogram histogram = (BucketHistogram) metric;
            if (!Arrays.equals(histogram.upperBounds(), bounds)) {
                continue; // cannot happen for one identity: its bounds are defined once, in code
            }
            long[] own = histogram.bucketCounts();
            for (int i = 0; i < counts.length; i++) {
                counts[i] += own[i];
            }
            sum += histogram.sum();
        }
        double[] withInf = Arrays.copyOf(bounds, bounds.length + 1);
        withInf[bounds.length] = Double.POSITIVE_INFINITY;
        return HistogramDataPointSnapshot.builder().labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(withInf, counts)).sum(sum).build();
    }

    private static SummaryDataPointSnapshot quantiles(Labels labels, List<Metric> histograms) {
        Histogram busiest = (Histogram) histograms.get(0);
        long count = 0;
        for (Metric metric : histograms) {
            Histogram histogram = (Histogram) metric;
            count += histogram.getCount();
            busiest = histogram.getCount() > busiest.getCount() ? histogram : busiest;
        }
        HistogramStatistics statistics = busiest.getStatistics();
        List<Quantile> quantiles = new ArrayList<>();
        for (double q : QUANTILES) {
            quantiles.add(new Quantile(q, statistics.size() == 0 ? Double.NaN : statistics.getQuantile(q)));
        }
        return SummaryDataPointSnapshot.builder().labels(labels).quantiles(Quantiles.of(quantiles)).count(count)
                .build();
    }

    private static double gaugeValue(List<Metric> metrics) {
        if (metrics.get(0) instanceof ShareGauge) {
            return share(metrics);
        }
        boolean summed = metrics.get(0) instanceof SummedGauge<?>;
        double value = Double.NaN;
        for (Metric metric : metrics) {
            double own = metric instanceof Meter meter ? meter.getRate() : numeric(metric);
            if ((metric instanceof Meter || summed) && !Double.isNaN(value) && !Double.isNaN(own)) {
                value += own;
            } else if (!Double.isNaN(own) && (Double.isNaN(value) || own > value)) {
                value = own;
            }
        }
        return value;
    }

    /** Every subtask's part over every subtask's whole: NaN before the first event. */
    private static double share(List<Metric> metrics) {
        long part = 0;
        long whole = 0;
        for (Metric metric : metrics) {
            if (metric instanceof ShareGauge share) {
                long ownWhole = share.whole(); // read first: the part never runs ahead of it
                part += Math.min(share.part(), ownWhole);
                whole += ownWhole;
            }
        }
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static double numeric(Metric metric) {
        if (metric instanceof Gauge<?> gauge) {
            Object value = gauge.getValue();
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            if (value instanceof Boolean flag) {
                return flag ? 1 : 0;
            }
        }
        return Double.NaN;
    }

    private static Labels labels(MetricIdentity identity) {
        Labels.Builder labels = Labels.builder();
        identity.labels().forEach(labels::label);
        return labels.build();
    }
}
