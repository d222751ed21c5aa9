package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.streamscore.flink.scoring.ShadowRecord;
import java.io.IOException;

/**
 * Encodes challengers' scores for the shadow topic, keyed by the entity key:
 * <pre>{"event_id", "key", "source", "event_time", "output_time", "model", "model_version",
 *  "role": "shadow"|"champion", "score", "decision", "decided_by"}</pre>
 */
public final class ShadowEncoder extends JsonOutputEncoder<ShadowRecord> {
    public ShadowEncoder(String topic) {
        super(topic);
    }

    @Override
    protected String key(ShadowRecord record) {
        return record.key;
    }

    @Override
    protected void writeFields(ShadowRecord record, long outputTime, JsonGenerator json) throws IOException {
        json.writeStringField("event_id", record.eventId);
        json.writeStringField("key", record.key);
        json.writeStringField("source", record.source);
        json.writeNumberField("event_time", record.eventTime);
        json.writeNumberField("output_time", outputTime);
        json.writeStringField("model", record.modelName);
        json.writeStringField("model_version", record.modelVersion);
        json.writeStringField("role", record.role);
        JsonRecordWriter.writeNullableNumber(json, "score", record.score);
        json.writeBooleanField("decision", record.decision);
        json.writeStringField("decided_by", record.decidedBy);
    }
}
