package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeatureSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Test vocabulary: transaction-like events of source {@code tx} (amount, merchant, user) and feature groups over
 * them, built anew on each call as a restored job would (its own feature set instance).
 */
final class FeatureFixtures {
    static final long T0 = 1_767_225_600_000L;
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final String SOURCE = "tx";
    static final EventField AMOUNT = new EventField("amount", FieldType.DOUBLE, true, 0);
    static final EventField MERCHANT = new EventField("merchant", FieldType.STRING, true, 0);
    static final EventField USER = new EventField("user_id", FieldType.STRING, false, 1);
    /** The harness plan's width: one column before the group and one after, to check offsets. */
    static final int PLAN_WIDTH = 7;
    static final int OFFSET = 1;

    private FeatureFixtures() {}

    /**
     * Columns at {@link #OFFSET}: spend_5m (sum), tx_1m (count), big_tx_1m (count of amount > 100), last_amounts
     * (last 2, newest first). One-second tiles: with events on whole seconds, a window of {@code t} is
     * {@code [t - w, t]}, so expectations can be computed by hand.
     */
    static FeatureGroup userGroup() {
        FeatureSet features = FeatureSet.of(
                secondTiles("spend_5m", Aggregation.SUM, AMOUNT, Duration.ofMinutes(5)).build(),
                secondTiles("tx_1m", Aggregation.COUNT, null, Duration.ofMinutes(1)).build(),
                secondTiles("big_tx_1m", Aggregation.COUNT, null, Duration.ofMinutes(1))
                        .filter((numbers, strings) -> numbers[AMOUNT.slot()] > 100).build(),
                secondTiles("last_amounts", Aggregation.LAST_N, AMOUNT, Duration.ofMinutes(5)).lastN(2).build());
        return new FeatureGroup(SOURCE, List.of(USER), features, OFFSET,
                List.of("spend_5m", "tx_1m", "big_tx_1m", "last_amounts_0", "last_amounts_1"));
    }

    static FeatureDefinition.Builder secondTiles(String name, Aggregation aggregation, EventField field,
                                                 Duration window) {
        return FeatureDefinition.builder(name).aggregation(aggregation).field(field).window(window)
                .tile(Duration.ofSeconds(1));
    }

    static Event tx(String id, String user, long time, double amount) {
        return new Event("transaction", SOURCE, id, user, time, time, new double[] {amount},
                new String[] {"m-" + id, user});
    }

    /** Events of 5 users, up to 40 s out of order, 2 s apart (600 span 20 min: keys expire and come back). */
    static List<Event> disorderedEvents(int count, long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long time = T0 + i * 2 * SECOND - random.nextInt(40_000);
            double amount = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(300);
            events.add(tx("e" + i, "u" + random.nextInt(5), time, amount));
        }
        return events;
    }

    /** Feeds the events with a watermark 20 s behind the newest after every 10th (so none is late). */
    static List<Event> feed(KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness, List<Event> events)
            throws Exception {
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            harness.processElement(new StreamRecord<>(events.get(i), events.get(i).eventTime));
            newest = Math.max(newest, events.get(i).eventTime);
            if (i % 10 == 9) {
                harness.processWatermark(newest - 20 * SECOND);
            }
        }
        return events;
    }

    /** Fresh copies (no feature columns yet) of transaction events. */
    static List<Event> copies(List<Event> events) {
        return events.stream().map(e -> tx(e.eventId, e.key, e.eventTime, e.numbers[0])).toList();
    }

    static List<double[]> features(List<Event> events) {
        return events.stream().map(e -> e.features).toList();
    }
}
