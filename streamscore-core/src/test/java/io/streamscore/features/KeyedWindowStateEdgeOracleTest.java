package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.AMOUNT;
import static io.streamscore.features.FeatureFixtures.DAY;
import static io.streamscore.features.FeatureFixtures.MERCHANT;
import static io.streamscore.features.FeatureFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window state against the brute-force oracle at the edges the main oracle test rarely reaches: windows and tiles
 * at their limits (1 s with 1 ms tiles, 30 d with window / 100000 tiles, tiles that do not divide the window, a tile
 * as long as the window), events exactly on tile and window boundaries, many duplicate timestamps, zero, negative
 * and huge amounts, one-event keys and gaps of months; with the operator's life cycle interleaved: horizons moved by
 * timers ({@link KeyedWindowState#advance}), states restored from their serialized form and deep copies.
 */
class KeyedWindowStateEdgeOracleTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void everyAnswerMatchesBruteForceThroughTimersRestoresAndCopies(long seed) throws IOException {
        Random random = new Random(seed);
        FeatureSet features = features(random);
        KeyedWindowStateSerializer serializer = new KeyedWindowStateSerializer(features);
        KeyedWindowState state = features.newState();
        BruteForceFeatureOracle oracle = new BruteForceFeatureOracle(features);
        long lateness = random.nextBoolean() ? 0 : 1 + random.nextInt(5_000);
        long latest = T0;
        long horizon = Long.MIN_VALUE;
        for (int i = 0; i < 3_000; i++) {
            long time = nextTime(random, latest, horizon, features);
            double[] numbers = {amount(random), random.nextBoolean() ? 1 : 0};
            String[] strings = {random.nextInt(8) == 0 ? null : "m" + random.nextInt(6), "d"};
            FeatureVector actual = state.update(time, numbers, strings, horizon);
            List<BruteForceFeatureOracle.Expected> expected = oracle.update(time, numbers, strings);
            for (int f = 0; f < features.size(); f++) {
                String where = "seed " + seed + " event " + i + " at " + time + ", horizon " + horizon;
                if (features.definition(f).aggregation() == Aggregation.APPROX_DISTINCT) {
                    assertApproxDistinct(actual.value(f), expected.get(f).exactDistinct(), where);
                } else {
                    KeyedWindowStateOracleTest.assertMatches(features.definition(f), actual, f, expected.get(f),
                            where);
                }
            }
            latest = Math.max(latest, time);
            horizon = Math.max(horizon, latest - lateness);
            double roll = random.nextDouble();
            if (roll < 0.05) {
                state.advance(horizon); // an expiry timer
            } else if (roll < 0.10) {
                state = serializer.read(new DataInputStream(new ByteArrayInputStream(bytes(serializer, state))));
            } else if (roll < 0.15) {
                state = state.copy();
            }
        }
        state.advance(state.expiryHorizon());
        assertThat(state.isEmpty()).as("state at its expiry horizon").isTrue();
    }

    /**
     * HyperLogLog's 1.625% is its error at large counts; a window of a few values is off by one whenever two of them
     * share one of the 4096 registers (linear counting), which these few recurring amounts make likely.
     */
    private static void assertApproxDistinct(double value, long exact, String where) {
        assertThat(Math.abs(value - exact)).as("approx_distinct at " + where)
                .isLessThanOrEqualTo(Math.max(3 * 1.04 / Math.sqrt(HyperLogLogWindow.REGISTERS) * exact, 2));
    }

    private static long nextTime(Random random, long latest, long horizon, FeatureSet features) {
        double roll = random.nextDouble();
        long time;
        if (roll < 0.25) {
            time = latest; // duplicate timestamp
        } else if (roll < 0.45) {
            FeatureDefinition d = features.definition(random.nextInt(features.size()));
            long g = d.tileMillis();
            long boundary = Math.floorDiv(latest, g) * g + g; // next tile start, or a window length after one
            time = boundary + (random.nextBoolean() ? 0 : d.windowMillis() - 1) + random.nextInt(3) - 1;
        } else if (roll < 0.60) {
            time = latest - random.nextInt(5_000); // out of order, clamped to the horizon below
        } else if (roll < 0.62) {
            time = latest + (long) (random.nextDouble() * 90 * DAY); // a very long gap
        } else {
            time = latest + random.nextInt(random.nextBoolean() ? 50 : 20_000);
        }
        return horizon == Long.MIN_VALUE ? time : Math.max(time, horizon + 1);
    }

    /** Whole numbers (sums stay exact in any order): zero, negatives, huge, or missing. */
    private static double amount(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -random.nextInt(1_000);
            case 2 -> (random.nextBoolean() ? 1 : -1) * (double) (1L << 40) * (1 + random.nextInt(4));
            case 3 -> Double.NaN;
            default -> random.nextInt(1_000);
        };
    }

    private static FeatureSet features(Random random) {
        List<FeatureDefinition> definitions = new ArrayList<>();
        Aggregation[] aggregations = Aggregation.values();
        for (int i = 0; i < 10; i++) {
            Aggregation aggregation = aggregations[random.nextInt(aggregations.length)];
            long window = new long[] {1_000, 1_001, 7_000, 60_000, 3_600_000, 30 * DAY}[random.nextInt(6)];
            long tile = switch (random.nextInt(5)) {
                case 0 -> Math.max(1, window / 100_000);
                case 1 -> window;
                case 2 -> Math.max(7, window / 100_000 + 1);
                case 3 -> Math.max(1, window / 3 + 1);
                default -> FeatureDefinition.defaultTile(Duration.ofMillis(window)).toMillis();
            };
            FeatureDefinition.Builder builder = FeatureDefinition.builder("f" + i).aggregation(aggregation)
                    .window(Duration.ofMillis(window)).tile(Duration.ofMillis(Math.min(tile, window)));
            if (aggregation == Aggregation.DISTINCT_COUNT || aggregation == Aggregation.APPROX_DISTINCT) {
                builder.field(random.nextBoolean() ? MERCHANT : AMOUNT);
            } else if (aggregation != Aggregation.COUNT || random.nextBoolean()) {
                builder.field(AMOUNT);
            }
            if (aggregation == Aggregation.LAST_N) {
                builder.lastN(1 + random.nextInt(16));
            }
            if (aggregation == Aggregation.DISTINCT_COUNT) {
                builder.distinctCap(1 + random.nextInt(8));
            }
            if (random.nextInt(3) == 0) {
                builder.filter(FeatureFixtures.FLAGGED);
            }
            definitions.add(builder.build());
        }
        return FeatureSet.of(definitions.toArray(FeatureDefinition[]::new));
    }

    private static byte[] bytes(KeyedWindowStateSerializer serializer, KeyedWindowState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.write(state, new DataOutputStream(out));
        return out.toByteArray();
    }
}
