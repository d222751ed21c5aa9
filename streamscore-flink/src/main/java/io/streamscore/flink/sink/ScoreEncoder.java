package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.streamscore.flink.scoring.ScoreRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Encodes results for the scores topic as JSON, keyed by the entity key:
 * <pre>{"event_id":..., "key":..., "source":..., "event_time":..., "ingest_time":..., "output_time":...,
 *  "score": null|number, "model_name": null|string, "model_version": null|string,
 *  "features": {"user_spend_5m": 12.5, "user_tx_1h": null, ...}}</pre>
 * {@code features} lists the plan's columns in order (null where undefined) and is left out when there are none.
 * {@code output_time} is stamped here, the last step before the sink, and is also the Kafka record timestamp
 * (never the event time: old event times would be deleted by topic retention right away).
 */
public final class ScoreEncoder extends RichMapFunction<ScoreRecord, OutputRecord> {
    private final String topic;
    private final List<String> featureColumns;
    private transient JsonRecordWriter writer;

    /** @param featureColumns the feature plan's column names, in order; empty when the pipeline has no features */
    public ScoreEncoder(String topic, List<String> featureColumns) {
        this.topic = topic;
        this.featureColumns = List.copyOf(featureColumns);
    }

    @Override
    public void open(OpenContext openContext) {
        writer = new JsonRecordWriter();
    }

    @Override
    public OutputRecord map(ScoreRecord result) {
        long now = System.currentTimeMillis();
        byte[] value = writer.write(json -> {
            json.writeStartObject();
            json.writeStringField("event_id", result.eventId);
            json.writeStringField("key", result.key);
            json.writeStringField("source", result.source);
            json.writeNumberField("event_time", result.eventTime);
            json.writeNumberField("ingest_time", result.ingestTime);
            json.writeNumberField("output_time", now);
            JsonRecordWriter.writeNullableNumber(json, "score", result.score);
            json.writeStringField("model_name", result.modelName);
            json.writeStringField("model_version", result.modelVersion);
            writeFeatures(json, result.features);
            json.writeEndObject();
        });
        return new OutputRecord(topic, result.key.getBytes(StandardCharsets.UTF_8), value, now, null);
    }

    private void writeFeatures(JsonGenerator json, double[] values) throws IOException {
        if (featureColumns.isEmpty()) {
            return;
        }
        json.writeFieldName("features");
        json.writeStartObject();
        for (int i = 0; i < featureColumns.size(); i++) {
            JsonRecordWriter.writeNullableNumber(json, featureColumns.get(i), values == null ? Double.NaN : values[i]);
        }
        json.writeEndObject();
    }
}
