package io.streamscore.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LateEventRouterTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final long LATENESS = 30_000;

    private OneInputStreamOperatorTestHarness<Event, Event> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(router());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static LateEventRouterOperator router() {
        return new LateEventRouterOperator(new LateEventRouter("tx", LATENESS));
    }

    private static Event event(String id, long time) {
        return new Event("transaction", "tx", id, "u1", time, time, new double[0], new String[0]);
    }

    private void process(Event event) throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime));
    }

    private List<String> onTimeIds() {
        return harness.extractOutputValues().stream().map(e -> e.eventId).toList();
    }

    private List<LateEvent> late() {
        return harness.getSideOutput(LateEventRouter.LATE).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void eventsBeforeAnyWatermarkAreNeverLate() throws Exception {
        process(event("a", T0 - 86_400_000L));

        assertThat(onTimeIds()).containsExactly("a");
        assertThat(harness.getSideOutput(LateEventRouter.LATE)).isNull();
    }

    @Test
    void eventBehindWatermarkButWithinAllowedLatenessStaysInTheStream() throws Exception {
        harness.processWatermark(T0);
        process(event("within", T0 - LATENESS + 1));

        assertThat(onTimeIds()).containsExactly("within");
    }

    @Test
    void lateEventBeyondLatenessGoesToLateOutputWithItsLateness() throws Exception {
        harness.processWatermark(T0);
        process(event("at-bound", T0 - LATENESS));
        process(event("far", T0 - 3_600_000));
        process(event("on-time", T0 + 1));

        assertThat(onTimeIds()).containsExactly("on-time");
        assertThat(late()).extracting(l -> l.event.eventId).containsExactly("at-bound", "far");
        assertThat(late()).extracting(l -> l.latenessMs).containsExactly(LATENESS, 3_600_000L);
        assertThat(late()).allSatisfy(l -> {
            assertThat(l.watermark).isEqualTo(T0);
            assertThat(l.allowedLatenessMs).isEqualTo(LATENESS);
        });
    }

    @Test
    void watermarkSeenBeforeACheckpointStillJudgesReplayedEventsAfterRestore() throws Exception {
        harness.processWatermark(T0);
        process(event("before", T0 + 1));
        var snapshot = harness.snapshot(1, T0);
        harness.close();

        harness = new OneInputStreamOperatorTestHarness<>(router());
        harness.initializeState(snapshot);
        harness.open();
        process(event("replayed-late", T0 - 3_600_000));
        process(event("replayed-on-time", T0 + 2));

        assertThat(onTimeIds()).containsExactly("replayed-on-time");
        assertThat(late()).extracting(l -> l.event.eventId).containsExactly("replayed-late");
    }

    @Test
    void aSubtaskThatNeverSawAWatermarkDoesNotEraseTheFloorOfTheOthers() throws Exception {
        harness.close();
        var withWatermark = subtask(0);
        withWatermark.processWatermark(T0);
        withWatermark.processElement(new StreamRecord<>(event("seen", T0 + 1), T0 + 1));
        var idle = subtask(1); // no split, no watermark: its floor is "none", not "the beginning of time"
        var state = AbstractStreamOperatorTestHarness.repackageState(withWatermark.snapshot(1, T0),
                idle.snapshot(1, T0));
        withWatermark.close();
        idle.close();

        harness = new OneInputStreamOperatorTestHarness<>(router(), 2, 2, 1);
        harness.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(state, 2, 2, 2, 1));
        harness.open();
        process(event("replayed-late", T0 - 3_600_000));

        assertThat(onTimeIds()).isEmpty();
        assertThat(late()).extracting(l -> l.event.eventId).containsExactly("replayed-late");
    }

    private static OneInputStreamOperatorTestHarness<Event, Event> subtask(int index) throws Exception {
        var subtask = new OneInputStreamOperatorTestHarness<>(router(), 2, 2, index);
        subtask.open();
        return subtask;
    }

    @Test
    void aWatermarkAfterTheLastEventBeforeACheckpointIsTheFloorAfterRestore() throws Exception {
        process(event("before", T0 - 10_000));
        harness.processWatermark(T0); // moved the operators downstream on; no event of this source since
        var snapshot = harness.snapshot(1, T0);
        harness.close();

        harness = new OneInputStreamOperatorTestHarness<>(router());
        harness.initializeState(snapshot);
        harness.open();
        process(event("replayed-late", T0 - LATENESS));

        assertThat(onTimeIds()).isEmpty();
        assertThat(late()).extracting(l -> l.event.eventId).containsExactly("replayed-late");
    }

    @Test
    void theEndOfInputWatermarkIsNoFloor() throws Exception {
        harness.processWatermark(T0);
        harness.processWatermark(Long.MAX_VALUE);
        var snapshot = harness.snapshot(1, T0);
        harness.close();

        harness = new OneInputStreamOperatorTestHarness<>(router());
        harness.initializeState(snapshot);
        harness.open();
        process(event("on-time", T0 + 1));

        assertThat(onTimeIds()).containsExactly("on-time");
    }
}
