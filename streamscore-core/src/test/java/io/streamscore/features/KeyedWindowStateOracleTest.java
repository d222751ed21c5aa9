package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.HOUR;
import static io.streamscore.features.FeatureFixtures.MINUTE;
import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomized streams against the brute-force oracle: every answer of every feature, for several seeds and horizon
 * settings (no lateness; seconds of lateness, shorter than the long windows but longer than the 1 s one; hours of
 * lateness, longer than most windows).
 */
class KeyedWindowStateOracleTest {
    private static final double RELATIVE = 1e-9;
    private static final double HLL_THREE_SIGMA = 3 * 1.04 / Math.sqrt(HyperLogLogWindow.REGISTERS);

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of(1L, 0L, 0L, 0.0),
                Arguments.of(2L, 2 * SECOND, 5 * SECOND, 0.05),
                Arguments.of(3L, 5 * SECOND, 30 * SECOND, 0.20),
                Arguments.of(4L, 10 * MINUTE, 2 * HOUR, 0.30),
                Arguments.of(5L, 500L, 0L, 0.50));
    }

    @ParameterizedTest(name = "seed {0}, out-of-orderness {1} ms, lateness {2} ms, disorder {3}")
    @MethodSource("streams")
    void everyAnswerMatchesBruteForceRecomputation(long seed, long outOfOrderness, long lateness, double disorder) {
        FeatureSet features = FeatureFixtures.everyAggregation();
        KeyedWindowState state = features.newState();
        BruteForceFeatureOracle oracle = new BruteForceFeatureOracle(features);
        List<RandomEventStream.Step> steps =
                new RandomEventStream(seed, outOfOrderness, lateness, disorder, 50).steps(2_500, T0);
        for (int i = 0; i < steps.size(); i++) {
            RandomEventStream.Step step = steps.get(i);
            FeatureVector actual = state.update(step.time(), step.numbers(), step.strings(), step.horizon());
            List<BruteForceFeatureOracle.Expected> expected =
                    oracle.update(step.time(), step.numbers(), step.strings());
            for (int f = 0; f < features.size(); f++) {
                assertMatches(features.definition(f), actual, f, expected.get(f), "event " + i + " " + step);
            }
        }
    }

    static void assertMatches(FeatureDefinition d, FeatureVector actual, int f,
                              BruteForceFeatureOracle.Expected expected, String where) {
        String description = d.name() + " at " + where;
        double value = actual.value(f);
        switch (d.aggregation()) {
            case AVG, VARIANCE, STDDEV -> {
                if (Double.isNaN(expected.value())) {
                    assertThat(value).as(description).isNaN();
                } else {
                    double tolerance = RELATIVE * Math.max(1, Math.abs(expected.value()));
                    assertThat(value).as(description).isCloseTo(expected.value(),
                            org.assertj.core.data.Offset.offset(tolerance));
                }
            }
            case APPROX_DISTINCT -> assertThat(Math.abs(value - expected.exactDistinct())).as(description)
                    .isLessThanOrEqualTo(HLL_THREE_SIGMA * expected.exactDistinct());
            case LAST_N -> assertThat(actual.lastValues(f)).as(description).containsExactly(expected.lastValues());
            default -> {
                assertThat(Double.valueOf(value)).as(description).isEqualTo(Double.valueOf(expected.value()));
                assertThat(actual.saturated(f)).as(description + " saturation").isEqualTo(expected.saturated());
            }
        }
    }
}
