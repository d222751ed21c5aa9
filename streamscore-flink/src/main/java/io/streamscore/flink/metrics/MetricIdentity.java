package io.streamscore.flink.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Prometheus name and labels of one Flink metric, or none when Streamscore does not export it. A metric under
 * the {@code streamscore} group is named {@code streamscore_<groups>_<metric>}, where key/value groups
 * ({@code addGroup("source", "payments")}) become labels ({@code source="payments"}) instead of name parts, so
 * {@code streamscore.source.<name>.records_in} is {@code streamscore_records_in{source="payments"}}. Flink's own
 * checkpoint metrics of the job are re-exported under {@code streamscore_checkpoint_*}, and its restart count as
 * {@code streamscore_job_restarts}. Flink's system scope (host,
 * task, subtask...) never becomes a label: subtasks of one operator are added up into one series.
 */
public record MetricIdentity(String name, Map<String, String> labels) {
    public static final String PREFIX = PipelineMetrics.GROUP + "_";

    /** Flink's job-level metrics (jobmanager.job scope) that are exported, and their exported names. */
    static final Map<String, String> JOB_METRICS = Map.of(
            "lastCheckpointDuration", "checkpoint_duration_ms",
            "lastCheckpointSize", "checkpoint_size_bytes",
            "lastCheckpointFullSize", "checkpoint_full_size_bytes",
            "numberOfCompletedCheckpoints", "checkpoints_completed",
            "numberOfFailedCheckpoints", "checkpoints_failed",
            "numRestarts", "job_restarts");

    public MetricIdentity {
        labels = Map.copyOf(new TreeMap<>(labels));
    }

    /**
     * @param logicalScope the group's logical scope with '.' between components (keys of key/value groups only)
     * @param variables    the group's variables, e.g. {@code <source> -> payments}, {@code <job_name> -> ...}
     */
    public static Optional<MetricIdentity> of(String logicalScope, Map<String, String> variables, String metricName) {
        List<String> scope = Arrays.asList(logicalScope.split("\\."));
        int group = scope.indexOf(PipelineMetrics.GROUP);
        if (group >= 0) {
            return Optional.of(streamscore(scope.subList(group + 1, scope.size()), variables, metricName));
        }
        if (logicalScope.endsWith("jobmanager.job") && JOB_METRICS.containsKey(metricName)) {
            String job = variables.getOrDefault("<job_name>", "");
            return Optional.of(new MetricIdentity(PREFIX + JOB_METRICS.get(metricName), Map.of("job", job)));
        }
        return Optional.empty();
    }

    private static MetricIdentity streamscore(List<String> groups, Map<String, String> variables, String metricName) {
        StringBuilder name = new StringBuilder(PREFIX);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String group : groups) {
            String value = variables.get("<" + group + ">");
            if (value != null) {
                labels.put(sanitize(group), value);
            } else {
                name.append(sanitize(group)).append('_');
            }
        }
        return new MetricIdentity(name.append(sanitize(metricName)).toString(), labels);
    }

    /** Prometheus names allow letters, digits and '_' (and ':' for recording rules, not used here). */
    static String sanitize(String part) {
        String cleaned = part.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(cleaned.isEmpty() ? '0' : cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }
}
