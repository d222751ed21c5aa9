package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.flink.scoring.ScoreRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
        ScoreEncoder encoder = new ScoreEncoder("scores", columns);
        encoder.open(null);
        return JSON.readTree(encoder.map(result).value);
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
    void noFeatureObjectWithoutFeatureColumns() throws IOException {
        JsonNode json = encode(List.of(), result(null));

        assertThat(json.has("features")).isFalse();
        assertThat(json.get("event_id").asText()).isEqualTo("e1");
    }
}
