package io.streamscore.flink.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.flink.decide.AlertEncoder;
import io.streamscore.flink.decide.AlertRecord;
import io.streamscore.flink.sink.JsonOutputEncoder;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A drift alert on the alerts topic reads like a rule alert where they share keys: {@code model} and
 * {@code model_version} of the same JSON types, so one consumer (or one table schema) reads both.
 */
class DriftAlertEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_767_225_600_000L;

    @Test
    void aDriftAlertNamesItsModelAndVersionAsARuleAlertDoes() throws Exception {
        DriftAlert drift = new DriftAlert();
        drift.alertId = "drift|fraud:amount|" + T0;
        drift.modelName = "fraud";
        drift.modelVersion = 3;
        drift.feature = "amount";
        drift.psi = 0.31;
        drift.threshold = 0.2;
        drift.samples = 800;
        drift.windowStart = T0 - 120_000;
        drift.windowEnd = T0;
        AlertRecord rule = AlertRecord.of("risky", "u1", "payments", "e1", T0, T0, new double[] {1});
        rule.score = 0.9;
        rule.model = "fraud";
        rule.modelVersion = "3";

        JsonNode driftJson = encode(new DriftAlertEncoder("alerts"), drift);
        JsonNode ruleJson = encode(new AlertEncoder("alerts", List.of("tx_1h")), rule);

        for (String key : List.of("alert_id", "rule", "key", "event_time", "output_time", "model", "model_version")) {
            assertThat(driftJson.get(key).getNodeType()).as(key).isEqualTo(ruleJson.get(key).getNodeType());
        }
        assertThat(driftJson.get("model_version").asText()).isEqualTo("3");
        assertThat(driftJson.get("model").asText()).isEqualTo("fraud");
        assertThat(driftJson.get("key").asText()).isEqualTo("fraud:amount");
        assertThat(driftJson.get("psi").doubleValue()).isEqualTo(0.31);
    }

    /** Through an operator harness: an encoder's open() needs a task's runtime context. */
    private static <T> JsonNode encode(JsonOutputEncoder<T> encoder, T record) throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(encoder))) {
            harness.open();
            harness.processElement(new StreamRecord<>(record));
            return JSON.readTree(harness.extractOutputValues().get(0).value);
        }
    }
}
