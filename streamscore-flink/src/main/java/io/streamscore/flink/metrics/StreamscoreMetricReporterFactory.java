package io.streamscore.flink.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** Creates the {@link StreamscoreMetricReporter}; found by Flink through {@code META-INF/services}. */
public final class StreamscoreMetricReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new StreamscoreMetricReporter();
    }
}
