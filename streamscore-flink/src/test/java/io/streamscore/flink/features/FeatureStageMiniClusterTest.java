package io.streamscore.flink.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.features.Aggregation;
import io.streamscore.features.DerivedFeature;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeatureSet;
import io.streamscore.spec.Format;
import io.streamscore.spec.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature stage in a real job (parallelism 2) against a brute-force oracle: every event's features must equal
 * the aggregation, written out directly, over the events of its key that arrived before it and itself.
 */
class FeatureStageMiniClusterTest {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureStageMiniClusterTest.class);
    private static final long T0 = 1_767_225_600_000L;
    private static final int TRANSACTIONS = 6_000;
    /** Keys are active in overlapping phases, so some go quiet long enough to expire, and come back. */
    private static final int EVENTS_PER_PHASE = 1_000;
    private static final long SPACING_MS = 500;
    private static final int MAX_DISORDER_MS = 3_000;
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final EventSchema TX = EventSchema.builtIn("transaction");
    private static final EventSchema CLICK = EventSchema.builtIn("click");
    private static final EventField USER = TX.require("user_id");
    private static final EventField AMOUNT = TX.require("amount");
    private static final EventField MERCHANT = TX.require("merchant_id");
    private static final FeatureDefinition SPEND = FeatureDefinition.builder("spend_5m").aggregation(Aggregation.SUM)
            .field(AMOUNT).window(Duration.ofMinutes(5)).build();
    private static final FeatureDefinition MAX_AMOUNT = FeatureDefinition.builder("max_amount_1m")
            .aggregation(Aggregation.MAX).field(AMOUNT).window(Duration.ofMinutes(1)).build();
    private static final FeatureDefinition MERCHANTS = FeatureDefinition.builder("merchants_10m")
            .aggregation(Aggregation.DISTINCT_COUNT).field(MERCHANT).window(Duration.ofMinutes(10)).build();

    @Test
    void everyEventGetsTheFeaturesOfTheEventsOfItsKeyThatArrivedBeforeIt() throws Exception {
        List<Event> input = events(new Random(42));
        FeaturePlan plan = plan();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Event> events = env.fromData(input).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                        .withTimestampAssigner((event, previous) -> event.eventTime)).setParallelism(1);
        DataStream<Event> withFeatures = new FeatureStage(plan, List.of(source("tx", TX), source("clicks", CLICK)))
                .apply(events);

        long started = System.nanoTime();
        Map<String, double[]> actual = new HashMap<>();
        try (CloseableIterator<Event> results = withFeatures.executeAndCollect("feature stage")) {
            results.forEachRemaining(event -> actual.put(event.eventId, event.features));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("feature stage: {} events in {} s including job start: {} events/s", input.size(),
                String.format("%.2f", seconds), Math.round(input.size() / seconds));

        Map<String, double[]> expected = oracle(input);
        assertThat(actual).hasSameSizeAs(input);
        for (Event event : input) {
            assertThat(actual.get(event.eventId)).as("features of %s (%s)", event.eventId, event.key)
                    .containsExactly(expected.get(event.eventId));
        }
    }

    /** Checks the oracle itself on values worked out by hand, so a shared mistake cannot make the test pass. */
    @Test
    void oracleMatchesHandComputedValues() {
        List<Event> input = List.of(tx("a", "u1", T0, 100, "m1"), tx("b", "u1", T0 + 30_000, 50, "m2"),
                tx("c", "u2", T0 + 31_000, 7, "m1"), tx("d", "u1", T0 + 20_000, Double.NaN, "m1"),
                tx("e", "u1", T0 + 70_000, 10, null), tx("f", "u1", T0 + 400_000, 1, "m3"));

        Map<String, double[]> expected = oracle(input);

        assertThat(expected.get("a")).containsExactly(100, 100, 1, 1);
        assertThat(expected.get("b")).containsExactly(150, 100, 2, 50.0 / 150);
        assertThat(expected.get("c")).containsExactly(7, 7, 1, 1);
        // d (time 20 s) arrived after b (30 s): only a counts with it; its amount is missing.
        assertThat(expected.get("d")).containsExactly(100, 100, 1, Double.NaN);
        // e: the 1 min window of 70 s on 200 ms tiles is [10 s, 70 s]: b, d (no amount) and e for the max.
        assertThat(expected.get("e")).containsExactly(160, 50, 2, 10.0 / 160);
        // f at 400 s: the 5 min window starts at 100 s, so only f; the 10 min window still holds m1, m2.
        assertThat(expected.get("f")).containsExactly(1, 1, 3, 1);
    }

    private static FeaturePlan plan() {
        FeatureGroup group = new FeatureGroup("tx", List.of(USER), FeatureSet.of(SPEND, MAX_AMOUNT, MERCHANTS), 0,
                List.of("spend_5m", "max_amount_1m", "merchants_10m"));
        return new FeaturePlan(List.of(group), List.of(new AmountShare()),
                List.of("spend_5m", "max_amount_1m", "merchants_10m", "amount_share_5m"));
    }

    /** amount / spend_5m: reads the event and a windowed column, like a compiled derived expression. */
    private static final class AmountShare implements DerivedFeature {
        @Override
        public String name() {
            return "amount_share_5m";
        }

        @Override
        public double evaluate(Event event) {
            return event.numbers[AMOUNT.slot()] / event.features[0];
        }
    }

    /** Brute force, per event: scan the events of its key that arrived before it and itself. */
    private static Map<String, double[]> oracle(List<Event> input) {
        Map<String, List<Event>> arrived = new HashMap<>();
        Map<String, double[]> expected = new HashMap<>();
        for (Event event : input) {
            if (!event.source.equals("tx")) {
                expected.put(event.eventId, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
                continue;
            }
            List<Event> before = arrived.computeIfAbsent(event.key, k -> new ArrayList<>());
            before.add(event);
            double sum = 0;
            double max = Double.NaN;
            Set<String> merchants = new HashSet<>();
            for (Event earlier : before) {
                double amount = earlier.numbers[AMOUNT.slot()];
                if (inWindow(earlier, event, SPEND) && !Double.isNaN(amount)) {
                    sum += amount;
                }
                if (inWindow(earlier, event, MAX_AMOUNT) && !Double.isNaN(amount)) {
                    max = Double.isNaN(max) ? amount : Math.max(max, amount);
                }
                String merchant = earlier.strings[MERCHANT.slot()];
                if (inWindow(earlier, event, MERCHANTS) && merchant != null) {
                    merchants.add(merchant);
                }
            }
            double share = event.numbers[AMOUNT.slot()] / sum;
            expected.put(event.eventId, new double[] {sum, max, merchants.size(), share});
        }
        return expected;
    }

    /** docs/features.md: the window of an event at t is [floor((t - w + 1) / g) * g, t]. */
    private static boolean inWindow(Event earlier, Event event, FeatureDefinition feature) {
        long start = Math.floorDiv(event.eventTime - feature.windowMillis() + 1, feature.tileMillis())
                * feature.tileMillis();
        return earlier.eventTime >= start && earlier.eventTime <= event.eventTime;
    }

    private static List<Event> events(Random random) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            long time = T0 + i * SPACING_MS - random.nextInt(MAX_DISORDER_MS);
            String user = "u" + ((i / EVENTS_PER_PHASE) * 10 + random.nextInt(20)) % 50;
            double amount = random.nextInt(10) == 0 ? Double.NaN : 1 + random.nextInt(500);
            String merchant = random.nextInt(20) == 0 ? null : "m" + random.nextInt(40);
            events.add(tx("t" + i, user, time, amount, merchant));
            if (i % 50 == 0) {
                events.add(click("c" + i, user, time));
            }
        }
        return events;
    }

    private static Event tx(String id, String user, long time, double amount, String merchant) {
        double[] numbers = TX.newNumbers();
        String[] strings = TX.newStrings();
        numbers[AMOUNT.slot()] = amount;
        numbers[TX.require("event_time").slot()] = time;
        strings[USER.slot()] = user;
        strings[MERCHANT.slot()] = merchant;
        strings[TX.require("event_id").slot()] = id;
        return new Event("transaction", "tx", id, user, time, time, numbers, strings);
    }

    private static Event click(String id, String user, long time) {
        double[] numbers = CLICK.newNumbers();
        String[] strings = CLICK.newStrings();
        strings[CLICK.require("user_id").slot()] = user;
        return new Event("click", "clicks", id, user, time, time, numbers, strings);
    }

    private static SourceSpec source(String name, EventSchema schema) {
        return new SourceSpec(name, name + "-topic", schema, Format.JSON, "event_id", "user_id", "event_time",
                OUT_OF_ORDERNESS, Duration.ofSeconds(30), Duration.ZERO, 1 << 20);
    }
}
