package io.streamscore.bench.features;

import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.features.Aggregation;
import io.streamscore.features.ExpressionFeatureFilter;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.KeyedWindowState;
import java.time.Duration;
import java.util.Random;

/**
 * Window states as a live fraud pipeline holds them at a checkpoint, for the snapshot benchmark: the feature groups of
 * {@code examples/fraud.yaml} (per user: spend 5m, count 1h, avg amount 30d, distinct merchants 24h; per card: count
 * 10m, small-payment count 10m on 1 s tiles), and per key a history of payments over the last day, the last ten
 * minutes (finalized tiles, distinct merchants) and the last 35 s (out-of-orderness 5 s + lateness 30 s, so they are
 * still raw in the log), with 5% of payments up to 5 s out of order.
 */
public final class SnapshotStates {
    public static final long NOW = 1_700_000_000_000L;
    public static final long LATENESS = 35_000;
    private static final EventSchema SCHEMA = EventSchema.builtIn("transaction");

    private SnapshotStates() {}

    /** The feature set of one of fraud.yaml's groups: {@code user_id} or {@code card_id}. */
    public static FeatureSet fraudGroup(String key) {
        EventField amount = SCHEMA.require("amount");
        if (key.equals("card_id")) {
            return FeatureSet.of(
                    FeatureDefinition.builder("card_tx_10m").aggregation(Aggregation.COUNT)
                            .window(Duration.ofMinutes(10)).build(),
                    FeatureDefinition.builder("card_small_tx_10m").aggregation(Aggregation.COUNT)
                            .window(Duration.ofMinutes(10)).tile(Duration.ofSeconds(1))
                            .filter(ExpressionFeatureFilter.of(SCHEMA, "amount < 5")).build());
        }
        return FeatureSet.of(
                FeatureDefinition.builder("user_spend_5m").aggregation(Aggregation.SUM).field(amount)
                        .window(Duration.ofMinutes(5)).build(),
                FeatureDefinition.builder("user_tx_1h").aggregation(Aggregation.COUNT)
                        .window(Duration.ofHours(1)).build(),
                FeatureDefinition.builder("user_avg_amount_30d").aggregation(Aggregation.AVG).field(amount)
                        .window(Duration.ofDays(30)).build(),
                FeatureDefinition.builder("user_merchants_24h").aggregation(Aggregation.DISTINCT_COUNT)
                        .field(SCHEMA.require("merchant_id")).window(Duration.ofHours(24)).build());
    }

    /**
     * {@code keys} states, each fed {@code older} payments over the last day, {@code recent} over the ten minutes
     * before the horizon and {@code raw} within the last 35 s.
     */
    public static KeyedWindowState[] build(FeatureSet features, int keys, int older, int recent, int raw, long seed) {
        Random random = new Random(seed);
        KeyedWindowState[] states = new KeyedWindowState[keys];
        for (int k = 0; k < keys; k++) {
            states[k] = features.newState();
            long[] times = times(random, older, recent, raw);
            long latest = Long.MIN_VALUE;
            for (long time : times) {
                latest = Math.max(latest, time);
                feed(states[k], random, Math.max(time, latest - 5_000), latest - LATENESS);
            }
        }
        return states;
    }

    private static long[] times(Random random, int older, int recent, int raw) {
        long[] times = new long[older + recent + raw];
        int i = 0;
        for (int j = 0; j < older; j++) {
            times[i++] = NOW - LATENESS - 600_000 - (long) (random.nextDouble() * 86_400_000L);
        }
        for (int j = 0; j < recent; j++) {
            times[i++] = NOW - LATENESS - (long) (random.nextDouble() * 600_000);
        }
        for (int j = 0; j < raw; j++) {
            times[i++] = NOW - (long) (random.nextDouble() * LATENESS);
        }
        java.util.Arrays.sort(times);
        for (int j = 1; j < times.length; j++) {
            if (random.nextDouble() < 0.05) {
                times[j] -= random.nextInt(5_000); // out of order, within max_out_of_orderness
            }
        }
        return times;
    }

    private static void feed(KeyedWindowState state, Random random, long time, long horizon) {
        double[] numbers = SCHEMA.newNumbers();
        String[] strings = SCHEMA.newStrings();
        numbers[SCHEMA.require("amount").slot()] = random.nextDouble() < 0.05
                ? random.nextInt(500) / 100.0 : Math.round(Math.exp(3 + random.nextGaussian()) * 100) / 100.0;
        strings[SCHEMA.require("merchant_id").slot()] = "m-" + (100_000 + random.nextInt(2_000));
        state.update(Math.max(time, state.horizon() + 1), numbers, strings, horizon);
    }
}
