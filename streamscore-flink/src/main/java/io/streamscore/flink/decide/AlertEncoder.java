package io.streamscore.flink.decide;

import io.streamscore.flink.sink.JsonRecordWriter;
import io.streamscore.flink.sink.OutputRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Encodes alerts for the alerts topic as JSON, keyed by the entity key:
 * <pre>{"alert_id", "rule", "key", "source", "event_id", "event_time", "ingest_time", "output_time",
 *  "features": {column: value|null, ...}}</pre>
 */
public final class AlertEncoder extends RichMapFunction<AlertRecord, OutputRecord> {
    private final String topic;
    private final List<String> featureColumns;
    private transient JsonRecordWriter writer;

    public AlertEncoder(String topic, List<String> featureColumns) {
        this.topic = topic;
        this.featureColumns = List.copyOf(featureColumns);
    }

    @Override
    public void open(OpenContext openContext) {
        writer = new JsonRecordWriter();
    }

    @Override
    public OutputRecord map(AlertRecord alert) {
        long now = System.currentTimeMillis();
        byte[] value = writer.write(json -> {
            json.writeStartObject();
            json.writeStringField("alert_id", alert.alertId);
            json.writeStringField("rule", alert.rule);
            json.writeStringField("key", alert.key);
            json.writeStringField("source", alert.source);
            json.writeStringField("event_id", alert.eventId);
            json.writeNumberField("event_time", alert.eventTime);
            json.writeNumberField("ingest_time", alert.ingestTime);
            json.writeNumberField("output_time", now);
            JsonRecordWriter.writeFeatures(json, featureColumns, alert.features);
            json.writeEndObject();
        });
        return new OutputRecord(topic, alert.key.getBytes(StandardCharsets.UTF_8), value, now, null);
    }
}
