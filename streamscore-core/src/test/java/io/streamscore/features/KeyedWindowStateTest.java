package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.AMOUNT;
import static io.streamscore.features.FeatureFixtures.DEVICE;
import static io.streamscore.features.FeatureFixtures.HOUR;
import static io.streamscore.features.FeatureFixtures.MINUTE;
import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static io.streamscore.features.FeatureFixtures.feature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Named behaviours of {@link KeyedWindowState}, each on a hand-made stream. */
class KeyedWindowStateTest {
    private static final long NO_HORIZON = Long.MIN_VALUE;
    private static final FeatureSet SUM_AND_COUNT_1M = FeatureSet.of(
            FeatureDefinition.builder("sum_1m").aggregation(Aggregation.SUM).field(AMOUNT)
                    .window(Duration.ofMinutes(1)).tile(Duration.ofMillis(1)).build(),
            FeatureDefinition.builder("count_1m").aggregation(Aggregation.COUNT)
                    .window(Duration.ofMinutes(1)).tile(Duration.ofMillis(1)).build());

    private static double[] amount(double value) {
        return new double[] {value, 0};
    }

    private static final String[] NO_STRINGS = {null, null};

    @Test
    void reusedVectorGetsEveryValueOfAFreshOne() {
        FeatureSet features = FeatureFixtures.everyAggregation();
        KeyedWindowState fresh = features.newState();
        KeyedWindowState reusing = features.newState();
        FeatureVector reused = features.newVector();
        String[][] strings = {{"m1", "d"}, {null, "d"}, {"m2", "d"}, {"m1", "d"}};
        double[][] numbers = {{5, 1}, {Double.NaN, 0}, {7, 1}, {5, 0}};
        long[] times = {T0, T0 + SECOND, T0 + 400, T0 + 20 * SECOND};
        for (int i = 0; i < times.length; i++) {
            FeatureVector expected = fresh.update(times[i], numbers[i], strings[i], T0 - 1);
            reusing.update(times[i], numbers[i], strings[i], T0 - 1, reused);
            for (int f = 0; f < features.size(); f++) {
                assertThat(reused.value(f)).as("event %d, %s", i, features.definition(f).name())
                        .isEqualTo(expected.value(f));
                assertThat(reused.saturated(f)).isEqualTo(expected.saturated(f));
                assertThat(reused.lastValues(f)).containsExactly(expected.lastValues(f));
            }
        }
    }

    @Test
    void vectorOfAnotherFeatureSetIsRefused() {
        KeyedWindowState state = SUM_AND_COUNT_1M.newState();
        assertThatThrownBy(() -> state.update(T0, amount(1), NO_STRINGS, NO_HORIZON,
                FeatureFixtures.everyAggregation().newVector())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laterEventThatArrivedEarlierIsNotCountedForAnEarlierTime() {
        KeyedWindowState state = SUM_AND_COUNT_1M.newState();
        state.update(T0 + 10 * SECOND, amount(100), NO_STRINGS, NO_HORIZON);
        FeatureVector earlier = state.update(T0 + 5 * SECOND, amount(1), NO_STRINGS, NO_HORIZON);
        assertThat(earlier.value("sum_1m")).isEqualTo(1);
        assertThat(earlier.value("count_1m")).isEqualTo(1);
    }

    @Test
    void eventsWithTheSameTimeThatArrivedEarlierAreIncluded() {
        KeyedWindowState state = SUM_AND_COUNT_1M.newState();
        state.update(T0, amount(1), NO_STRINGS, NO_HORIZON);
        FeatureVector second = state.update(T0, amount(2), NO_STRINGS, NO_HORIZON);
        assertThat(second.value("sum_1m")).isEqualTo(3);
    }

    @Test
    void outOfOrderEventCorrectsLaterAnswers() {
        KeyedWindowState state = SUM_AND_COUNT_1M.newState();
        state.update(T0 + 10 * SECOND, amount(100), NO_STRINGS, NO_HORIZON);
        state.update(T0 + 5 * SECOND, amount(1), NO_STRINGS, NO_HORIZON);
        FeatureVector next = state.update(T0 + 11 * SECOND, amount(10), NO_STRINGS, NO_HORIZON);
        assertThat(next.value("sum_1m")).isEqualTo(111);
    }

    @Test
    void windowExcludesEventsExactlyOneWindowOld() {
        KeyedWindowState state = SUM_AND_COUNT_1M.newState();
        state.update(T0, amount(1), NO_STRINGS, NO_HORIZON);
        FeatureVector lastMillisecond = state.update(T0 + MINUTE - 1, amount(2), NO_STRINGS, T0);
        FeatureVector oneWindowLater = state.update(T0 + MINUTE, amount(4), NO_STRINGS, T0);
        assertThat(lastMillisecond.value("sum_1m")).isEqualTo(3);
        assertThat(oneWindowLater.value("sum_1m")).isEqualTo(6);
    }

    @Test
    void windowStartRoundsDownToTheTileGrid() {
        FeatureSet tiled = FeatureSet.of(FeatureDefinition.builder("sum_1m_10s_tiles").aggregation(Aggregation.SUM)
                .field(AMOUNT).window(Duration.ofMinutes(1)).tile(Duration.ofSeconds(10)).build());
        long aligned = Math.floorDiv(T0, 10 * SECOND) * 10 * SECOND;
        KeyedWindowState state = tiled.newState();
        state.update(aligned + SECOND, amount(1), NO_STRINGS, NO_HORIZON);
        FeatureVector answer = state.update(aligned + MINUTE + 5 * SECOND, amount(2), NO_STRINGS, aligned);
        assertThat(answer.value(0)).as("start of (t - 1m, t] rounds down to aligned + 0s").isEqualTo(3);
    }

    @Test
    void eventAtOrBeforeTheHorizonIsRejected() {
        KeyedWindowState state = SUM_AND_COUNT_1M.newState();
        assertThatThrownBy(() -> state.update(T0, amount(1), NO_STRINGS, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon");
    }

    @Test
    void minOverAWindowWithoutContributingEventsIsNaN() {
        FeatureSet set = FeatureSet.of(feature("min_1m", Aggregation.MIN, AMOUNT, Duration.ofMinutes(1)));
        FeatureVector answer = set.newState().update(T0, amount(Double.NaN), NO_STRINGS, NO_HORIZON);
        assertThat(answer.value(0)).isNaN();
    }

    @Test
    void distinctCountReportsTheCapAndSaturatesBeyondIt() {
        FeatureSet set = FeatureSet.of(FeatureDefinition.builder("devices").aggregation(Aggregation.DISTINCT_COUNT)
                .field(DEVICE).window(Duration.ofHours(1)).distinctCap(3).build());
        KeyedWindowState state = set.newState();
        FeatureVector answer = null;
        for (int i = 0; i < 5; i++) {
            answer = state.update(T0 + i * SECOND, new double[2], new String[] {null, "d" + i}, T0 + i * SECOND - 1);
        }
        assertThat(answer.value(0)).isEqualTo(3);
        assertThat(answer.saturated(0)).isTrue();
        FeatureVector afterExpiry = state.update(T0 + 2 * HOUR, new double[2], new String[] {null, "d9"},
                T0 + 2 * HOUR - 1);
        assertThat(afterExpiry.value(0)).isEqualTo(1);
        assertThat(afterExpiry.saturated(0)).isFalse();
    }

    @Test
    void approxDistinctStaysWithinThreeStandardErrorsAtHighCardinality() {
        FeatureSet set = FeatureSet.of(feature("devices_approx", Aggregation.APPROX_DISTINCT, DEVICE,
                Duration.ofHours(1)));
        KeyedWindowState state = set.newState();
        Set<String> exact = new HashSet<>();
        double sigma = 1.04 / Math.sqrt(HyperLogLogWindow.REGISTERS);
        for (int i = 0; i < 60_000; i++) {
            String device = "device-" + (i * 7919L % 40_000);
            exact.add(device);
            FeatureVector answer = state.update(T0 + i * 50L, new double[2], new String[] {null, device},
                    T0 + i * 50L - 10 * SECOND);
            if (i % 5_000 == 4_999) {
                long inWindow = i * 50L < HOUR ? exact.size() : Math.min(exact.size(), HOUR / 50);
                assertThat(answer.value(0)).isCloseTo(inWindow, within(3 * sigma * inWindow));
            }
        }
    }

    @Test
    void stateStaysBoundedOnALongStream() throws IOException {
        FeatureSet features = FeatureFixtures.everyAggregation();
        KeyedWindowState state = features.newState();
        KeyedWindowStateSerializer serializer = new KeyedWindowStateSerializer(features);
        RandomEventStream stream = new RandomEventStream(7, 2 * SECOND, 5 * SECOND, 0.05, 200);
        long time = T0;
        int[] sizes = new int[4];
        for (int round = 0; round < sizes.length; round++) {
            for (RandomEventStream.Step step : stream.steps(25_000, time)) {
                state.update(step.time(), step.numbers(), step.strings(), step.horizon());
                time = Math.max(time, step.time());
            }
            sizes[round] = serializedSize(serializer, state);
        }
        assertThat(sizes[3]).as("bytes after 100k events vs 50k").isLessThan(2 * sizes[1]);
        assertThat(sizes[3]).as("bytes of 15 features incl. 1000 distinct amounts").isLessThan(200_000);
    }

    @Test
    void advancingToTheExpiryHorizonEmptiesTheState() {
        FeatureSet features = FeatureFixtures.everyAggregation();
        KeyedWindowState state = features.newState();
        for (RandomEventStream.Step step : new RandomEventStream(11, SECOND, SECOND, 0.1, 50).steps(2_000, T0)) {
            state.update(step.time(), step.numbers(), step.strings(), step.horizon());
        }
        long expiry = state.expiryHorizon();
        state.advance(expiry - 1);
        assertThat(state.isEmpty()).isFalse();
        state.advance(expiry);
        assertThat(state.isEmpty()).isTrue();
        assertThat(state.pendingEvents()).isZero();
    }

    @Test
    void theEndOfInputWatermarkEmptiesTheStateWithoutOverflowing() {
        FeatureSet features = FeatureFixtures.everyAggregation();
        KeyedWindowState state = features.newState();
        for (RandomEventStream.Step step : new RandomEventStream(12, SECOND, SECOND, 0.1, 50).steps(500, T0)) {
            state.update(step.time(), step.numbers(), step.strings(), step.horizon());
        }

        state.advance(Long.MAX_VALUE);

        assertThat(state.isEmpty()).isTrue();
        assertThat(state.pendingEvents()).isZero();
    }

    static int serializedSize(KeyedWindowStateSerializer serializer, KeyedWindowState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        serializer.write(state, new DataOutputStream(bytes));
        return bytes.size();
    }
}
