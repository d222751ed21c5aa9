package io.streamscore.flink.scoring;

import io.streamscore.flink.metrics.PipelineMetrics;
import io.streamscore.flink.metrics.BucketHistogram;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The metrics of one model version in one subtask, under {@code streamscore.model.<name>.version.<v>} (labels
 * {@code model} and {@code version} in reporters that turn key-value groups into labels): events scored, the
 * score's histogram (twenty buckets over [0, 1]) and the scoring latency in microseconds. Bucket histograms, so that
 * the Prometheus endpoint adds the subtasks up into one histogram per version.
 */
final class VersionMetrics {
    private final Counter events;
    private final BucketHistogram score;
    private final BucketHistogram latencyMicros;

    VersionMetrics(MetricGroup operatorGroup, String model, int version) {
        this(operatorGroup, model, Integer.toString(version));
    }

    /** @param version the version as the model server names it, for remote scoring */
    VersionMetrics(MetricGroup operatorGroup, String model, String version) {
        MetricGroup group = PipelineMetrics.modelVersionGroup(operatorGroup, model, version);
        // thread-safe: remote scores complete on the HTTP and gRPC clients' threads
        events = group.counter(PipelineMetrics.MODEL_EVENTS, new ThreadSafeSimpleCounter());
        score = PipelineMetrics.bucketHistogram(group, PipelineMetrics.MODEL_SCORE,
                BucketHistogram.UNIT_INTERVAL_BOUNDS);
        latencyMicros = PipelineMetrics.bucketHistogram(group, PipelineMetrics.MODEL_LATENCY_US,
                BucketHistogram.LATENCY_US_BOUNDS);
    }

    void record(double value, long nanos) {
        record(value);
        latencyMicros.record(nanos / 1000.0);
    }

    /** A score whose time is not the model's own (a remote one: the request's time is in the remote metrics). */
    void record(double value) {
        events.inc();
        score.record(value); // NaN is not counted
    }
}
