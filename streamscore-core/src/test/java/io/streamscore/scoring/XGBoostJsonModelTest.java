package io.streamscore.scoring;

import io.streamscore.registry.ModelFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.streamscore.registry.ModelFormat;
import org.junit.jupiter.api.Test;

/** The arithmetic rules of XGBoost's predictor, one at a time, on a hand-made one-split model (base score 0.5). */
class XGBoostJsonModelTest {
    private static final double LEFT = 0.5 + 0.25;
    private static final double RIGHT = 0.5 - 0.75;

    @Test
    void valueBelowThresholdGoesLeft() {
        assertThat(new HandMadeModelJson().load().scorer().score(new double[] {0, 0.4999})).isEqualTo(LEFT);
    }

    @Test
    void valueEqualToThresholdGoesRight() {
        assertThat(new HandMadeModelJson().load().scorer().score(new double[] {0, 0.5})).isEqualTo(RIGHT);
    }

    @Test
    void valueIsNarrowedToFloatBeforeComparison() {
        HandMadeModelJson json = new HandMadeModelJson();
        json.threshold = "1E-1"; // the float 0.1f is slightly above the double 0.1; (float) 0.1 equals it
        assertThat(json.load().scorer().score(new double[] {0, 0.1})).isEqualTo(RIGHT);
    }

    @Test
    void adjacentFloatBelowThresholdGoesLeft() {
        double below = Math.nextDown(0.5f);
        assertThat(new HandMadeModelJson().load().scorer().score(new double[] {0, below})).isEqualTo(LEFT);
    }

    @Test
    void negativeZeroIsNotBelowAZeroThreshold() {
        HandMadeModelJson json = new HandMadeModelJson();
        json.threshold = "0E0";
        Scorer scorer = json.load().scorer();
        assertThat(scorer.score(new double[] {0, -0.0})).isEqualTo(RIGHT);
        assertThat(scorer.score(new double[] {0, -Double.MIN_VALUE * 1e300})).isEqualTo(LEFT);
    }

    @Test
    void infinitiesAreValuesNotMissing() {
        HandMadeModelJson json = new HandMadeModelJson();
        Scorer defaultLeft = json.load().scorer();
        assertThat(defaultLeft.score(new double[] {0, Double.POSITIVE_INFINITY})).isEqualTo(RIGHT);
        json.defaultLeft = "0";
        Scorer defaultRight = json.load().scorer();
        assertThat(defaultRight.score(new double[] {0, Double.NEGATIVE_INFINITY})).isEqualTo(LEFT);
        assertThat(defaultRight.score(new double[] {0, 1e300})).as("overflows float to +inf").isEqualTo(RIGHT);
    }

    @Test
    void missingValueFollowsDefaultChild() {
        HandMadeModelJson json = new HandMadeModelJson();
        assertThat(json.load().scorer().score(new double[] {0, Double.NaN})).isEqualTo(LEFT);
        json.defaultLeft = "0";
        assertThat(json.load().scorer().score(new double[] {0, Double.NaN})).isEqualTo(RIGHT);
    }

    @Test
    void logisticBaseScoreIsAProbabilityTurnedIntoItsLogit() {
        HandMadeModelJson json = new HandMadeModelJson();
        json.objective = "binary:logistic";
        json.baseScore = "2E-1";
        XGBoostJsonModel model = json.load();
        float margin = (float) Math.log(0.25) + 0.25f;
        assertThat(model.margin(new double[] {0, 0})).isCloseTo(margin, offset(1e-6f));
        assertThat(model.scorer().score(new double[] {0, 0})).isCloseTo(1 / (1 + Math.exp(-margin)),
                offset(1e-7));
    }

    @Test
    void batchScoresEqualSingleRowScoresAndLeaveTheRestOfOutAlone() {
        Scorer scorer = new HandMadeModelJson().load().scorer();
        double[][] rows = {{0, 0.1}, {0, Double.NaN}, {0, 3}, {0, 0}, {0, 0.5}, {0, 0}};
        double[] out = {9, 9, 9, 9, 9, 9};
        scorer.scoreBatch(rows, 5, out);
        assertThat(out).containsExactly(LEFT, LEFT, RIGHT, LEFT, RIGHT, 9);
    }

    @Test
    void featureNamesDefaultToXGBoostsOwnAndFollowTheModel() {
        assertThat(new HandMadeModelJson().load().featureNames()).containsExactly("f0", "f1");
        HandMadeModelJson named = new HandMadeModelJson();
        named.featureNames = "[\"amount\", \"age_days\"]";
        assertThat(named.load().scorer().featureNames()).containsExactly("amount", "age_days");
    }

    @Test
    void infoDescribesTheModel() {
        assertThat(new HandMadeModelJson().load().info())
                .isEqualTo(new ModelInfo(ModelFormat.XGBOOST_JSON, "reg:squarederror", 1, 2));
    }

    @Test
    void rowShorterThanTheModelIsRefused() {
        Scorer scorer = new HandMadeModelJson().load().scorer();
        assertThatThrownBy(() -> scorer.score(new double[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row has 1 values, the model needs 2");
    }
}
