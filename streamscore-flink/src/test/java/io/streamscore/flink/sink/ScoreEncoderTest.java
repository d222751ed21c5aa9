package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.flink.scoring.ScoreRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ScoreEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ScoreRecord result(double[] features) {
        ScoreRecord result = new ScoreRecord();
        result.eventId = "e1";
        result.key = "u1";
        result.source = "tx";
        result.eventTime = 1_767_225_600_000L;
        result.ingestTime = result.eventTime + 5;
        result.features = features;
        return result;
    }

    private static JsonNode encode(List<String> columns, ScoreRecord result) throws IOException {
        // Through an operator harness: open() registers latency metrics, which needs a task's runtime context.
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new StreamMap<>(new ScoreEncoder("scores", columns)))) {
            harness.open();
            harness.processElement(new StreamRecord<>(result));
            return JSON.readTree(harness.extractOutputValues().get(0).value);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void featuresFollowTheExistingFieldsByColumnNameWithNullForUndefined() throws IOException {
        JsonNode json = encode(List.of("user_spend_5m", "user_max_1h"), result(new double[] {12.5, Double.NaN}));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).endsWith("model_version", "features");
        assertThat(json.get("features").get("user_spend_5m").doubleValue()).isEqualTo(12.5);
        assertThat(json.get("features").get("user_max_1h").isNull()).isTrue();
    }

    @Test
    void scoredRecordCarriesDecisionModelAndItsInputRow() throws IOException {
        ScoreRecord scored = result(null);
        scored.score = 0.8;
        scored.decision = true;
        scored.modelName = "fraud";
        scored.modelVersion = "3";
        scored.modelFeatures = new double[] {42.5, Double.NaN};

        JsonNode json = encode(List.of(), scored);

        assertThat(json.get("score").doubleValue()).isEqualTo(0.8);
        assertThat(json.get("decision").booleanValue()).isTrue();
        assertThat(json.get("model").asText()).isEqualTo("fraud");
        assertThat(json.get("model_version").asText()).isEqualTo("3");
        assertThat(json.get("model_features").get(0).doubleValue()).isEqualTo(42.5);
        assertThat(json.get("model_features").get(1).isNull()).isTrue();
    }

    @Test
    void unscoredRecordHasNullScoreDecisionAndModel() throws IOException {
        JsonNode json = encode(List.of(), result(null));

        assertThat(json.get("score").isNull()).isTrue();
        assertThat(json.get("decision").isNull()).isTrue();
        assertThat(json.get("model").isNull()).isTrue();
        assertThat(json.has("model_features")).isFalse();
    }

    @Test
    void noFeatureObjectWithoutFeatureColumns() throws IOException {
        JsonNode json = encode(List.of(), result(null));

        assertThat(json.has("features")).isFalse();
        assertThat(json.get("event_id").asText()).isEqualTo("e1");
    }
}
