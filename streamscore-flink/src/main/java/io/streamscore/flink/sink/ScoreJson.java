package io.streamscore.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.streamscore.flink.scoring.ScoreRecord;
import java.io.IOException;
import java.util.List;

/**
 * The fields of one score's JSON (the scores topic's value; the shape is documented on {@link ScoreEncoder}), with
 * every field name pre-encoded: a score is written for every event, so this is the scoring task's hottest output
 * path. One per encoder instance.
 */
public final class ScoreJson {
    private static final SerializedString EVENT_ID = new SerializedString("event_id");
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString EVENT_TIME = new SerializedString("event_time");
    private static final SerializedString INGEST_TIME = new SerializedString("ingest_time");
    private static final SerializedString OUTPUT_TIME = new SerializedString("output_time");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString DECISION = new SerializedString("decision");
    private static final SerializedString MODEL = new SerializedString("model");
    private static final SerializedString MODEL_VERSION = new SerializedString("model_version");
    private static final SerializedString FALLBACK = new SerializedString("fallback");
    private static final SerializedString MODEL_FEATURES = new SerializedString("model_features");

    private final SerializableString[] featureColumns;

    /** @param featureColumns the feature plan's column names, in order; empty when the pipeline has no features */
    public ScoreJson(List<String> featureColumns) {
        this.featureColumns = JsonRecordWriter.names(featureColumns);
    }

    /** Writes {@code result}'s fields into the open object; {@code outputTime} is the value of {@code output_time}. */
    public void write(ScoreRecord result, long outputTime, JsonGenerator json) throws IOException {
        string(json, EVENT_ID, result.eventId);
        string(json, KEY, result.key);
        string(json, SOURCE, result.source);
        number(json, EVENT_TIME, result.eventTime);
        number(json, INGEST_TIME, result.ingestTime);
        number(json, OUTPUT_TIME, outputTime);
        JsonRecordWriter.writeNullableNumber(json, SCORE, result.score);
        json.writeFieldName(DECISION);
        if (result.hasScore()) {
            json.writeBoolean(result.decision);
        } else {
            json.writeNull();
        }
        string(json, MODEL, result.modelName);
        string(json, MODEL_VERSION, result.modelVersion);
        if (result.fallback) {
            json.writeFieldName(FALLBACK);
            json.writeBoolean(true);
        }
        JsonRecordWriter.writeFeatures(json, featureColumns, result.features);
        if (result.modelFeatures != null) {
            json.writeFieldName(MODEL_FEATURES);
            json.writeStartArray();
            for (double value : result.modelFeatures) {
                JsonRecordWriter.writeNullableNumber(json, value);
            }
            json.writeEndArray();
        }
    }

    private static void string(JsonGenerator json, SerializableString field, String value) throws IOException {
        json.writeFieldName(field);
        json.writeString(value);
    }

    private static void number(JsonGenerator json, SerializableString field, long value) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(value);
    }
}
