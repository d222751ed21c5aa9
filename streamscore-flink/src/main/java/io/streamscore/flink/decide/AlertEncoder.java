package io.streamscore.flink.decide;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.streamscore.flink.sink.JsonOutputEncoder;
import io.streamscore.flink.sink.JsonRecordWriter;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;

/**
 * Encodes alerts for the alerts topic as JSON, keyed by the entity key:
 * <pre>{"alert_id", "rule", "key", "source", "event_id", "event_time", "ingest_time", "output_time",
 *  "score": number|null, "model": string|null, "model_version": string|null,
 *  "features": {column: value|null, ...}}</pre>
 * {@code score} is the model's score for a rule that reads it, null for a rule over fields and features only (such
 * rules run before scoring); {@code model} and {@code model_version} name what produced that score, as the score
 * record does (the canary's version for an event a canary decided), and are null with it.
 */
public final class AlertEncoder extends JsonOutputEncoder<AlertRecord> {
    private final List<String> featureColumns;
    private transient SerializableString[] columnNames;

    public AlertEncoder(String topic, List<String> featureColumns) {
        super(topic);
        this.featureColumns = List.copyOf(featureColumns);
    }

    @Override
    public void open(OpenContext openContext) {
        super.open(openContext);
        columnNames = JsonRecordWriter.names(featureColumns);
    }

    @Override
    protected String key(AlertRecord alert) {
        return alert.key;
    }

    @Override
    protected void writeFields(AlertRecord alert, long outputTime, JsonGenerator json) throws IOException {
        json.writeStringField("alert_id", alert.alertId);
        json.writeStringField("rule", alert.rule);
        json.writeStringField("key", alert.key);
        json.writeStringField("source", alert.source);
        json.writeStringField("event_id", alert.eventId);
        json.writeNumberField("event_time", alert.eventTime);
        json.writeNumberField("ingest_time", alert.ingestTime);
        json.writeNumberField("output_time", outputTime);
        if (Double.isNaN(alert.score)) {
            json.writeNullField("score");
        } else {
            json.writeNumberField("score", alert.score);
        }
        json.writeStringField("model", alert.model);
        json.writeStringField("model_version", alert.modelVersion);
        JsonRecordWriter.writeFeatures(json, columnNames, alert.features);
    }
}
