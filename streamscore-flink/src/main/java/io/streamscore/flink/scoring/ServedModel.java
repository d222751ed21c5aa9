package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.scoring.ModelInput;
import io.streamscore.scoring.ModelLoader.LoadedModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model version in a scoring subtask: its scorer, where its inputs come from for each source, a reused
 * input row, and its metrics. Scoring allocates nothing but the copy of the row kept when features are included.
 */
final class ServedModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServedModel.class);

    final int version;
    final String versionText;
    private final LoadedModel loaded;
    private final Map<String, ModelInput> inputs = new HashMap<>();
    private final double[] row;
    private final VersionMetrics metrics;
    private long lastNanos;

    ServedModel(LoadedModel loaded, List<String> featureColumns, Map<String, EventSchema> schemas,
                VersionMetrics metrics) {
        this.loaded = loaded;
        this.version = loaded.version();
        this.versionText = Integer.toString(version);
        this.metrics = metrics;
        List<String> names = loaded.manifest().featureNames();
        schemas.forEach((source, schema) -> {
            ModelInput input = ModelInput.resolve(names, featureColumns, schema);
            if (!input.unresolved().isEmpty()) {
                LOG.warn("model {} v{}: inputs {} are neither feature columns nor numeric fields of source {}; "
                        + "they are always missing", loaded.manifest().name(), version, input.unresolved(), source);
            }
            inputs.put(source, input);
        });
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
