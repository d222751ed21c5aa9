package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.scoring.ModelInput;
import io.streamscore.scoring.ModelLoader.LoadedModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded model version in a scoring subtask: its scorer, its decision threshold, where its inputs come from for
 * each source, a reused input row, and its metrics. Scoring allocates nothing but the copy of the row kept when
 * features are included.
 */
final class ServedModel implements AutoCloseable {
    final int version;
    final String versionText;
    /** Its decisions: {@code score >= threshold} (the spec's, or with {@code threshold: model} its manifest's). */
    final double threshold;
    private final LoadedModel loaded;
    private final Map<String, ModelInput> inputs = new HashMap<>();
    private final double[] row;
    private final VersionMetrics metrics;
    private long lastNanos;

    ServedModel(LoadedModel loaded, double threshold, List<String> featureColumns, Map<String, EventSchema> schemas,
                VersionMetrics metrics) {
        this.loaded = loaded;
        this.threshold = threshold;
        this.version = loaded.version();
        this.versionText = Integer.toString(version);
        this.metrics = metrics;
        List<String> names = loaded.manifest().featureNames();
        // Every input resolves: PipelineModelLoader refuses a version with an input that nothing provides.
        schemas.forEach((source, schema) -> inputs.put(source, ModelInput.resolve(names, featureColumns, schema)));
        this.row = new double[names.size()];
    }

    /** Scores the event; {@link #lastNanos()} tells how long it took. */
    double score(Event event) {
        long start = System.nanoTime();
        inputs.get(event.source).fill(event, row);
        double score = loaded.scorer().score(row);
        lastNanos = System.nanoTime() - start;
        metrics.record(score, lastNanos);
        return score;
    }

    long lastNanos() {
        return lastNanos;
    }

    /** A copy of the input row of the last scored event. */
    double[] lastRow() {
        return row.clone();
    }

    @Override
    public void close() {
        loaded.scorer().close();
    }
}
