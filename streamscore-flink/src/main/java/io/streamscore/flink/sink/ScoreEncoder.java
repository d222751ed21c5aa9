package io.streamscore.flink.sink;

import io.streamscore.flink.scoring.ScoreRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Encodes results for the scores topic as JSON, keyed by the entity key:
 * <pre>{"event_id":..., "key":..., "source":..., "event_time":..., "ingest_time":..., "output_time":...,
 *  "score": null|number, "model_name": null|string, "model_version": null|string}</pre>
 * {@code output_time} is stamped here, the last step before the sink, and is also the Kafka record timestamp
 * (never the event time: old event times would be deleted by topic retention right away).
 */
public final class ScoreEncoder extends RichMapFunction<ScoreRecord, OutputRecord> {
    private final String topic;
    private transient JsonRecordWriter writer;

    public ScoreEncoder(String topic) {
        this.topic = topic;
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
            json.writeEndObject();
        });
        return new OutputRecord(topic, result.key.getBytes(StandardCharsets.UTF_8), value, now, null);
    }
}
