package io.streamscore.flink.features;

import static io.streamscore.flink.features.FeatureFixtures.MINUTE;
import static io.streamscore.flink.features.FeatureFixtures.OFFSET;
import static io.streamscore.flink.features.FeatureFixtures.PLAN_WIDTH;
import static io.streamscore.flink.features.FeatureFixtures.SECOND;
import static io.streamscore.flink.features.FeatureFixtures.T0;
import static io.streamscore.flink.features.FeatureFixtures.copies;
import static io.streamscore.flink.features.FeatureFixtures.disorderedEvents;
import static io.streamscore.flink.features.FeatureFixtures.features;
import static io.streamscore.flink.features.FeatureFixtures.feed;
import static io.streamscore.flink.features.FeatureFixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureGroup;
import io.streamscore.flink.ingest.LateEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowFeatureFunctionTest {
    private static final double NAN = Double.NaN;
    private static final long LATENESS = 30 * SECOND;
    /**
     * Longest window 5 min on 1 s tiles: for a latest time on a whole second the state empties 5 min + 1 s - 2 ms
     * later.
     */
    private static final long EXPIRY_AFTER_LATEST = 5 * MINUTE + SECOND - 2;

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> open(StateBackend backend,
            OperatorSubtaskState restoreFrom) throws Exception {
        FeatureGroup group = FeatureFixtures.userGroup();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new WindowFeatureFunction(group, PLAN_WIDTH, LATENESS)),
                new FeatureKeySelector(group, false), Types.STRING);
        harness.setStateBackend(backend);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    private void openOnHeap() throws Exception {
        open(new HashMapStateBackend(), null);
    }

    private Event process(Event event) throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime));
        return event;
    }

    private List<LateEvent> late() {
        var records = harness.getSideOutput(WindowFeatureFunction.LATE);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void valuesAreAsOfEachEventIncludingItself() throws Exception {
        openOnHeap();

        Event first = process(tx("a", "u1", T0, 10));
        Event second = process(tx("b", "u1", T0 + 10 * SECOND, 200));
        Event otherUser = process(tx("c", "u2", T0 + 20 * SECOND, 7));
        Event third = process(tx("d", "u1", T0 + 90 * SECOND, 5));

        assertThat(first.features).containsExactly(NAN, 10, 1, 0, 10, NAN, NAN);
        assertThat(second.features).containsExactly(NAN, 210, 2, 1, 200, 10, NAN);
        assertThat(otherUser.features).containsExactly(NAN, 7, 1, 0, 7, NAN, NAN);
        // The 1 min window of T0 + 90 s starts after the first two events; the 5 min window still holds them.
        assertThat(third.features).containsExactly(NAN, 215, 1, 0, 5, 200, NAN);
        assertThat(harness.extractOutputValues()).containsExactly(first, second, otherUser, third);
    }

    @Test
    void outOfOrderEventWithinLatenessIsAnsweredAsOfItsTimeAndCorrectsLaterAnswers() throws Exception {
        openOnHeap();
        harness.processWatermark(T0 + 30 * SECOND);

        process(tx("newer", "u1", T0 + 40 * SECOND, 1));
        Event older = process(tx("older", "u1", T0 + 5 * SECOND, 2));
        Event after = process(tx("after", "u1", T0 + 50 * SECOND, 4));

        // Point in time: the newer event arrived first but is after the older one's time, so it is not counted.
        assertThat(older.features[OFFSET]).isEqualTo(2);
        assertThat(after.features[OFFSET]).isEqualTo(7);
        assertThat(after.features[OFFSET + 1]).isEqualTo(3);
        assertThat(late()).isEmpty();
    }

    @Test
    void eventAtOrBeforeTheHorizonGoesToTheLateOutputAndChangesNothing() throws Exception {
        openOnHeap();
        harness.processWatermark(T0 + MINUTE);

        process(tx("at-horizon", "u1", T0 + MINUTE - LATENESS, 1000));
        Event onTime = process(tx("on-time", "u1", T0 + MINUTE - LATENESS + 1, 3));

        assertThat(late()).singleElement().satisfies(l -> {
            assertThat(l.event.eventId).isEqualTo("at-horizon");
            assertThat(l.latenessMs).isEqualTo(LATENESS);
            assertThat(l.allowedLatenessMs).isEqualTo(LATENESS);
        });
        assertThat(harness.extractOutputValues()).containsExactly(onTime);
        assertThat(onTime.features[OFFSET]).isEqualTo(3);
        assertThat(late().get(0).event.features).isNull();
    }

    @Test
    void expiryTimerDropsTheStateOfAQuietKey() throws Exception {
        openOnHeap();
        process(tx("a", "u1", T0, 10));
        process(tx("b", "u1", T0 + SECOND, 10));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        long timer = T0 + SECOND + EXPIRY_AFTER_LATEST + LATENESS;
        harness.processWatermark(timer - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(timer);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * The timer is set once, at the first event's expiry, and not moved by newer events (moving it per new tile cost
     * 46% of the keyed task's CPU); when it fires on a key that had newer events it is set again at their expiry.
     */
    @Test
    void expiryTimerOfAKeyWithNewerEventsIsSetAgainWhenItFires() throws Exception {
        openOnHeap();
        for (int minute = 0; minute <= 4; minute++) {
            process(tx("e" + minute, "u1", T0 + minute * MINUTE, 1));
        }
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0 + EXPIRY_AFTER_LATEST + LATENESS);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        long rearmed = T0 + 4 * MINUTE + EXPIRY_AFTER_LATEST + LATENESS;
        harness.processWatermark(rearmed - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(rearmed);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** The end-of-input watermark once overflowed the window arithmetic and re-fired the expiry timer forever. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void endOfInputWatermarkDropsEveryKey() throws Exception {
        openOnHeap();
        process(tx("a", "u1", T0, 10));
        process(tx("b", "u2", T0 + MINUTE, 10));

        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keyWithSteadyEventsKeepsItsStateWhileAQuietKeyExpires() throws Exception {
        openOnHeap();
        process(tx("quiet", "u2", T0, 1));
        Event last = null;
        for (int minute = 0; minute < 20; minute++) {
            long time = T0 + minute * MINUTE;
            last = process(tx("steady-" + minute, "u1", time, 1));
            harness.processWatermark(time - SECOND);
        }

        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        // One timer for the steady key: set once, set again each time it fired.
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        // On 1 s tiles the windows of a whole-second time include their start: 6 events in 5 min, 2 in 1 min.
        assertThat(last.features[OFFSET]).isEqualTo(6);
        assertThat(last.features[OFFSET + 1]).isEqualTo(2);
    }

    @Test
    void eventsOfOtherSourcesPassThroughUntouched() throws Exception {
        openOnHeap();
        Event click = new Event("click", "clicks", "c1", "u1", T0, T0, new double[] {5}, new String[] {"x", "u1"});

        process(click);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(out -> {
            assertThat(out).isEqualTo(click);
            assertThat(out.features).isNull();
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void restoreMidStreamGivesTheSameSubsequentValues(String backendName) throws Exception {
        List<Event> events = disorderedEvents(600, 7);
        int half = events.size() / 2;
        open(backend(backendName), null);
        feed(harness, events.subList(0, half));
        OperatorSubtaskState snapshot = harness.snapshot(1, events.get(half).eventTime);
        List<double[]> uninterrupted = features(feed(harness, copies(events.subList(half, events.size()))));
        harness.close();

        open(backend(backendName), snapshot);
        List<double[]> restored = features(feed(harness, copies(events.subList(half, events.size()))));

        assertThat(restored).hasSize(events.size() - half);
        for (int i = 0; i < restored.size(); i++) {
            assertThat(restored.get(i)).as("event %d after restore", i).containsExactly(uninterrupted.get(i));
        }
        assertThat(late()).isEmpty();
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }
}
