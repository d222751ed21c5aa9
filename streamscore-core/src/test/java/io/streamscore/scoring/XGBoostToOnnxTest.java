package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The converter on the hand-made one-split model: XGBoost's routing rules survive, refusals are the loader's. */
class XGBoostToOnnxTest {

    private static byte[] convert(HandMadeModelJson model) throws Exception {
        return XGBoostToOnnx.convert(new ByteArrayInputStream(model.json().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void splitsMissingValuesAndTiesRouteAsInXGBoost() throws Exception {
        HandMadeModelJson json = new HandMadeModelJson();
        json.featureNames = "[\"amount\", \"hour\"]";
        try (Scorer scorer = OnnxModel.load(convert(json), List.of()).owningScorer()) {
            assertThat(scorer.featureNames()).containsExactly("amount", "hour");
            assertThat(scorer.score(new double[] {0, 0.25})).as("below the threshold: left").isEqualTo(0.75);
            assertThat(scorer.score(new double[] {0, 0.5})).as("equal: right").isEqualTo(-0.25);
            assertThat(scorer.score(new double[] {0, Double.NaN})).as("missing: default left").isEqualTo(0.75);
        }
        json.defaultLeft = "0";
        try (Scorer scorer = OnnxModel.load(convert(json), List.of()).owningScorer()) {
            assertThat(scorer.score(new double[] {0, Double.NaN})).as("missing: default right").isEqualTo(-0.25);
        }
    }

    @Test
    void refusesWhatTheEvaluatorRefuses() {
        HandMadeModelJson json = new HandMadeModelJson();
        json.booster = "dart";
        assertThatThrownBy(() -> convert(json)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("booster 'dart' is not supported");
        HandMadeModelJson corrupt = new HandMadeModelJson();
        corrupt.splitIndices = "[7, 0, 0]";
        assertThatThrownBy(() -> convert(corrupt)).isInstanceOf(ModelLoadException.class);
    }
}
