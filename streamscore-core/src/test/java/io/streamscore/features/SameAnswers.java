package io.streamscore.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Feeds two states the same steps and asserts bit-identical answers (raw double bits, lists and flags). */
final class SameAnswers {
    private SameAnswers() {}

    static KeyedWindowState fed(FeatureSet features, List<RandomEventStream.Step> steps) {
        KeyedWindowState state = features.newState();
        steps.forEach(step -> state.update(step.time(), step.numbers(), step.strings(), step.horizon()));
        return state;
    }

    static void assertSameAnswers(KeyedWindowState expectedState, KeyedWindowState actualState,
            List<RandomEventStream.Step> steps) {
        FeatureSet features = expectedState.features();
        for (RandomEventStream.Step step : steps) {
            FeatureVector expected =
                    expectedState.update(step.time(), step.numbers(), step.strings(), step.horizon());
            FeatureVector actual = actualState.update(step.time(), step.numbers(), step.strings(), step.horizon());
            for (int f = 0; f < features.size(); f++) {
                assertThat(Double.doubleToRawLongBits(actual.value(f)))
                        .as("feature %s at %d", features.definition(f).name(), step.time())
                        .isEqualTo(Double.doubleToRawLongBits(expected.value(f)));
            }
            assertThat(actual.toString()).isEqualTo(expected.toString());
        }
    }
}
