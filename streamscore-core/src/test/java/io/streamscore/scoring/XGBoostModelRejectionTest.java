package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Models we cannot score exactly are refused at load time, and the message says what and why. */
class XGBoostModelRejectionTest {

    @Test
    void dartBoosterIsRejected() {
        assertRejected(json -> json.booster = "dart", "booster 'dart' is not supported", "weights and drops trees");
    }

    @Test
    void linearBoosterIsRejected() {
        assertRejected(json -> json.booster = "gblinear", "booster 'gblinear' is not supported",
                "not a tree ensemble");
    }

    @Test
    void categoricalSplitIsRejected() {
        assertRejected(json -> {
            json.splitType = "[1, 0, 0]";
            json.categories = "[2, 5]";
        }, "tree 0 has categorical splits", "category sets");
    }

    @Test
    void unknownObjectiveIsRejectedNamingTheSupportedOnes() {
        assertRejected(json -> json.objective = "reg:gamma", "objective 'reg:gamma' is not supported",
                "binary:logistic, binary:logitraw");
    }

    @Test
    void multiClassModelIsRejected() {
        assertRejected(json -> {
            json.objective = "multi:softprob";
            json.numClass = "3";
        }, "3 classes", "one score per row");
    }

    @Test
    void multiTargetModelIsRejected() {
        assertRejected(json -> json.numTarget = "2", "2 targets", "one score per row");
    }

    @Test
    void logisticBaseScoreOutsideZeroOneIsRejected() {
        assertRejected(json -> {
            json.objective = "reg:logistic";
            json.baseScore = "1.5E0";
        }, "base_score 1.5 is not a probability", "reg:logistic");
    }

    @Test
    void splitOnFeatureBeyondTheModelIsRejected() {
        assertRejected(json -> json.splitIndices = "[7, 0, 0]", "tree 0 splits on feature 7", "has 2 features");
    }

    @Test
    void infiniteThresholdIsRejected() {
        assertRejected(json -> json.threshold = "\"Infinity\"", "threshold Infinity", "not a finite number");
    }

    @Test
    void fileWithoutLearnerIsRejected() {
        assertThatThrownBy(() -> XGBoostJsonModel.load(stream("{\"version\": [3, 0, 4]}")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("field 'learner' is missing");
    }

    @Test
    void invalidJsonIsRejected() {
        assertThatThrownBy(() -> XGBoostJsonModel.load(stream("{\"learner\": ")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not valid JSON");
    }

    private static void assertRejected(Consumer<HandMadeModelJson> change, String what, String why) {
        HandMadeModelJson json = new HandMadeModelJson();
        change.accept(json);
        assertThatThrownBy(json::load).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(what).hasMessageContaining(why);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
