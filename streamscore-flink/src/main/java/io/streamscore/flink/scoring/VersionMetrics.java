package io.streamscore.flink.scoring;

import io.streamscore.flink.metrics.PipelineMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The metrics of one model version in one subtask, under {@code streamscore.model.<name>.version.<v>} (labels
 * {@code model} and {@code version} in reporters that turn key-value groups into labels): events scored, the
 * score's histogram (in millionths, since Flink histograms hold longs) and the scoring latency in microseconds.
 */
final class VersionMetrics {
    private static final int WINDOW = 1024;
    static final double SCORE_SCALE = 1_000_000;

    private final Counter events;
    private final Histogram score;
    private final Histogram latencyMicros;

    VersionMetrics(MetricGroup operatorGroup, String model, int version) {
        MetricGroup group = PipelineMetrics.modelVersionGroup(operatorGroup, model, version);
        events = group.counter(PipelineMetrics.MODEL_EVENTS);
        score = group.histogram(PipelineMetrics.MODEL_SCORE, new DescriptiveStatisticsHistogram(WINDOW));
        latencyMicros = group.histogram(PipelineMetrics.MODEL_LATENCY_US, new DescriptiveStatisticsHistogram(WINDOW));
    }

    void record(double value, long nanos) {
        events.inc();
        if (!Double.isNaN(value)) {
            score.update(Math.round(value * SCORE_SCALE));
        }
        latencyMicros.update(nanos / 1000);
    }
}
