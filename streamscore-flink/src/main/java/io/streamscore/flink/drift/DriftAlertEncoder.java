package io.streamscore.flink.drift;

import com.fasterxml.jackson.core.JsonGenerator;
import io.streamscore.flink.sink.JsonOutputEncoder;
import io.streamscore.spec.AlertSpec;
import java.io.IOException;

/**
 * Encodes drift alerts for the alerts topic, in the shape of rule alerts (so one consumer reads both, by
 * {@code model} and {@code model_version}, a string there too) plus the drift's figures, keyed by
 * {@code model:feature}:
 * <pre>{"alert_id", "rule": "drift", "key", "event_time" (the window's end), "output_time", "model", "model_name"
 *  (the same; its first name), "model_version", "feature", "psi", "threshold", "samples", "window_start",
 *  "window_end"}</pre>
 */
public final class DriftAlertEncoder extends JsonOutputEncoder<DriftAlert> {
    public static final String RULE = AlertSpec.DRIFT_RULE;

    public DriftAlertEncoder(String topic) {
        super(topic);
    }

    @Override
    protected String key(DriftAlert alert) {
        return alert.key();
    }

    @Override
    protected void writeFields(DriftAlert alert, long outputTime, JsonGenerator json) throws IOException {
        json.writeStringField("alert_id", alert.alertId);
        json.writeStringField("rule", RULE);
        json.writeStringField("key", alert.key());
        json.writeNumberField("event_time", alert.windowEnd);
        json.writeNumberField("output_time", outputTime);
        json.writeStringField("model", alert.modelName);
        json.writeStringField("model_name", alert.modelName);
        // a string, as in rule alerts and score records: one topic, one type per key (a number until 2026-12-07)
        json.writeStringField("model_version", Integer.toString(alert.modelVersion));
        json.writeStringField("feature", alert.feature);
        json.writeNumberField("psi", alert.psi);
        json.writeNumberField("threshold", alert.threshold);
        json.writeNumberField("samples", alert.samples);
        json.writeNumberField("window_start", alert.windowStart);
        json.writeNumberField("window_end", alert.windowEnd);
    }
}
