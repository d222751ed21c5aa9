package io.streamscore.flink.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The alerts topic's JSON: the keys consumers read, with the model that scored the event next to its score. */
class AlertEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_767_225_600_000L;

    private static JsonNode encode(AlertRecord alert) throws Exception {
        // Through an operator harness: the encoder's open() needs a task's runtime context.
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new StreamMap<>(new AlertEncoder("alerts", List.of("tx_1h"))))) {
            harness.open();
            harness.processElement(new StreamRecord<>(alert));
            return JSON.readTree(harness.extractOutputValues().get(0).value);
        }
    }

    @Test
    void aScoreAlertCarriesTheModelAndVersionAfterTheExistingKeys() throws Exception {
        AlertRecord alert = AlertRecord.of("risky", "u1", "payments", "e1", T0, T0 + 5, new double[] {12});
        alert.score = 0.95;
        alert.model = "fraud";
        alert.modelVersion = "4";

        JsonNode json = encode(alert);

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("alert_id", "rule", "key", "source", "event_id", "event_time",
                "ingest_time", "output_time", "score", "model", "model_version", "features");
        assertThat(json.get("model").asText()).isEqualTo("fraud");
        assertThat(json.get("model_version").asText()).isEqualTo("4");
        assertThat(json.get("score").doubleValue()).isEqualTo(0.95);
    }

    @Test
    void anAlertBeforeScoringHasNullScoreAndModel() throws Exception {
        JsonNode json = encode(AlertRecord.of("burst", "u1", "payments", "e1", T0, T0, new double[] {12}));

        assertThat(json.get("score").isNull()).isTrue();
        assertThat(json.get("model").isNull()).isTrue();
        assertThat(json.get("model_version").isNull()).isTrue();
    }
}
