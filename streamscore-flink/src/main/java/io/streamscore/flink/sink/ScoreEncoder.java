package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.streamscore.flink.scoring.ScoreRecord;
import java.io.IOException;
import io.streamscore.flink.metrics.BucketHistogram;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Encodes results for the scores topic as JSON, keyed by the entity key:
 * <pre>{"event_id":..., "key":..., "source":..., "event_time":..., "ingest_time":..., "output_time":...,
 *  "score": null|number, "decision": null|boolean, "model": null|string, "model_version": null|string,
 *  "features": {"user_spend_5m": 12.5, "user_tx_1h": null, ...}, "model_features": [...]}</pre>
 * {@code features} lists the plan's columns in order (null where undefined) and is left out when there are none;
 * {@code model_features} is the model's input row in its manifest's feature order, only with
 * {@code model.include_features}; {@code "fallback": true} marks a score the remote model server did not give (see
 * {@code model.remote}). Without a model, score, decision and the model fields are null.
 *
 * <p>Counts every result it encodes ({@code scored}) whichever scoring stage made it, in process, remote or none,
 * and records their end-to-end latency.
 */
public final class ScoreEncoder extends JsonOutputEncoder<ScoreRecord> {
    private final List<String> featureColumns;
    private transient Counter scored;
    private transient BucketHistogram sinceEventTime;
    private transient BucketHistogram sinceIngestTime;
    private transient ScoreJson scoreJson;

    /** @param featureColumns the feature plan's column names, in order; empty when the pipeline has no features */
    public ScoreEncoder(String topic, List<String> featureColumns) {
        super(topic);
        this.featureColumns = List.copyOf(featureColumns);
    }

    @Override
    public void open(OpenContext openContext) {
        super.open(openContext);
        scoreJson = new ScoreJson(featureColumns);
        MetricGroup group = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup());
        scored = group.counter(PipelineMetrics.SCORED);
        sinceEventTime = PipelineMetrics.bucketHistogram(group.addGroup(PipelineMetrics.SINCE_GROUP, "event_time"),
                PipelineMetrics.END_TO_END_LATENCY_MS, BucketHistogram.LATENCY_MS_BOUNDS);
        sinceIngestTime = PipelineMetrics.bucketHistogram(group.addGroup(PipelineMetrics.SINCE_GROUP, "ingest_time"),
                PipelineMetrics.END_TO_END_LATENCY_MS, BucketHistogram.LATENCY_MS_BOUNDS);
    }

    @Override
    protected String key(ScoreRecord result) {
        return result.key;
    }

    @Override
    protected void writeFields(ScoreRecord result, long outputTime, JsonGenerator json) throws IOException {
        scored.inc();
        sinceEventTime.record(outputTime - result.eventTime);
        sinceIngestTime.record(outputTime - result.ingestTime);
        scoreJson.write(result, outputTime, json);
    }
}
