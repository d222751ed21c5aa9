package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.flink.metrics.PipelineMetrics;
import io.streamscore.flink.metrics.SummedGauge;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.ModelInput;
import io.streamscore.serving.client.FallbackScorer;
import io.streamscore.serving.client.RemoteBatchScorer;
import io.streamscore.serving.client.RemoteModelCheck;
import io.streamscore.serving.client.RemoteScore;
import io.streamscore.serving.client.RemoteScoringConfig;
import io.streamscore.serving.client.RemoteScoringStats;
import io.streamscore.spec.ModelSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Scores events through a remote Open Inference Protocol server: each event's model row goes to a
 * {@link RemoteBatchScorer}, which micro-batches, retries, breaks the circuit and falls back, so every event's future
 * completes. The async operator around it checkpoints the events still in flight and sends them again after a
 * restore, which with the transactional sink makes the scores exactly-once.
 *
 * <p>The model's inputs are the registry manifest's feature names (of {@code model.remote.version}, else of the
 * champion); the fallback {@code champion} scores in process with the registry's champion
 * ({@link ChampionFallbackScorer}, which lays the row out in the champion's feature order).
 */
public final class RemoteScoringFunction extends RichAsyncFunction<Event, ScoreRecord> {
    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final RemoteScoringConfig remote;
    private final List<String> featureColumns;
    private final LinkedHashMap<String, EventSchema> schemas;
    private transient Map<String, ModelInput> inputs;
    private transient RemoteBatchScorer scorer;
    private transient FallbackScorer fallback;
    /** Per version the server (or the champion fallback) scored with; filled from the clients' threads. */
    private transient Map<String, VersionMetrics> versions;
    private transient int width;

    public RemoteScoringFunction(ModelSpec spec, List<String> featureColumns, Map<String, EventSchema> schemas) {
        this.spec = spec;
        this.remote = spec.remoteScoring().orElseThrow(() -> new IllegalArgumentException("model.remote is not set"));
        this.featureColumns = List.copyOf(featureColumns);
        this.schemas = new LinkedHashMap<>(schemas);
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        ModelRegistry registry = ModelRegistry.open(spec.registry());
        ModelManifest manifest = RemoteModelCheck.manifest(registry, spec.name(), remote.version());
        width = manifest.featureNames().size();
        inputs = new HashMap<>();
        schemas.forEach((source, schema) ->
                inputs.put(source, ModelInput.resolve(manifest.featureNames(), featureColumns, schema)));
        fallback = remote.fallback() == RemoteScoringConfig.Fallback.CHAMPION
                ? ChampionFallbackScorer.load(registry, spec.name(), manifest.featureNames())
                : FallbackScorer.constant(remote.defaultScore());
        scorer = new RemoteBatchScorer(remote, width, fallback);
        registerMetrics(PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup())
                .addGroup(PipelineMetrics.REMOTE_GROUP));
        versions = new ConcurrentHashMap<>();
    }

    private void registerMetrics(MetricGroup group) {
        RemoteScoringStats stats = scorer.stats();
        group.gauge("requests", (SummedGauge<Long>) stats::requests);
        group.gauge("batch_size_mean", (Gauge<Double>) stats::meanBatchSize);
        group.gauge("batch_size_last", (Gauge<Integer>) stats::lastBatchSize);
        group.gauge("latency_p50_ms", (Gauge<Double>) () -> stats.latencyMillis(0.5));
        group.gauge("latency_p99_ms", (Gauge<Double>) () -> stats.latencyMillis(0.99));
        group.gauge("timeouts", (SummedGauge<Long>) stats::timeouts);
        group.gauge("retries", (SummedGauge<Long>) stats::retries);
        group.gauge("failures", (SummedGauge<Long>) stats::failures);
        group.gauge("fallbacks", (SummedGauge<Long>) stats::fallbacks);
        group.gauge("breaker_state", (Gauge<Integer>) () -> scorer.breakerState().code());
        group.gauge("breaker_openings", (SummedGauge<Long>) scorer::breakerOpenings);
    }

    @Override
    public void asyncInvoke(Event event, ResultFuture<ScoreRecord> resultFuture) {
        double[] row = new double[width];
        inputs.get(event.source).fill(event, row);
        scorer.score(row).whenComplete((score, error) -> {
            if (error != null) {
                resultFuture.completeExceptionally(error);
            } else {
                resultFuture.complete(List.of(record(event, row, score)));
            }
        });
    }

    /** The operator's own deadline passed (the scorer is slower than its budget): the fallback answers. */
    @Override
    public void timeout(Event event, ResultFuture<ScoreRecord> resultFuture) {
        double[] row = new double[width];
        inputs.get(event.source).fill(event, row);
        resultFuture.complete(List.of(record(event, row, fallback.score(row))));
    }

    private ScoreRecord record(Event event, double[] row, RemoteScore score) {
        if (score.modelVersion() != null) { // null: the default score, which no model gave
            versions.computeIfAbsent(score.modelVersion(), version ->
                    new VersionMetrics(getRuntimeContext().getMetricGroup(), spec.name(), version))
                    .record(score.score());
        }
        ScoreRecord result = ScoreRecord.of(event);
        result.score = score.score();
        result.decision = score.score() >= spec.threshold();
        result.modelName = spec.name();
        result.modelVersion = score.modelVersion();
        result.fallback = score.fallback();
        if (spec.includeFeatures()) {
            result.modelFeatures = row;
        }
        return result;
    }

    @Override
    public void close() {
        if (scorer != null) {
            scorer.close();
        }
    }
}
