package io.streamscore.cli.dashboard;

import java.util.Map;

/** One line of a Prometheus text exposition: {@code name{labels} value}. */
public record MetricSample(String name, Map<String, String> labels, double value) {
    public MetricSample {
        labels = Map.copyOf(labels);
    }

    public String label(String key) {
        return labels.getOrDefault(key, "");
    }
}
