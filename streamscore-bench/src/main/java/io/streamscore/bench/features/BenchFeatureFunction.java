package io.streamscore.bench.features;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.FeatureVector;
import io.streamscore.features.KeyedWindowState;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A minimal keyed window-feature operator, standing in for {@code io.streamscore.flink.features.WindowFeatureFunction}
 * until that one lands: the same per-event work (read the key's {@link KeyedWindowState} from {@link ValueState},
 * update it with the watermark as final horizon, write it back, emit the event with its features) and the same state
 * cleanup (an event-time timer at the state's expiry, then drop it), without the late-event side output.
 *
 * <p>Expiry timers are armed lazily: one when a key's state is created, at its expiry rounded up to
 * {@link #TIMER_GRANULARITY_MILLIS}; when it fires and the key has had newer events, it is re-armed at the new expiry.
 * So a key costs about one timer per window length, not one per event. Registering a timer per event (the obvious
 * version) cost 46% of this task's CPU at 10K keys (timer heap inserts, then a fire per event that reads, advances
 * and writes the state): measured with JFR, see docs/benchmarks.md. Late events (at or before the watermark) are counted in accumulator {@link #LATE}, which a
 * benchmark run expects to stay 0.
 */
final class BenchFeatureFunction extends KeyedProcessFunction<String, Event, Event> {
    static final String LATE = "late-events";
    static final long TIMER_GRANULARITY_MILLIS = 10_000;

    private final FeatureSet features;
    private transient ValueState<KeyedWindowState> states;
    private transient LongCounter late;

    BenchFeatureFunction(FeatureSet features) {
        this.features = features;
    }

    @Override
    public void open(OpenContext context) {
        states = getRuntimeContext().getState(
                new ValueStateDescriptor<>("window-state", new WindowStateTypeSerializer(features)));
        late = new LongCounter();
        getRuntimeContext().addAccumulator(LATE, late);
    }

    @Override
    public void processElement(Event event, Context context, Collector<Event> out) throws Exception {
        long horizon = context.timerService().currentWatermark();
        if (event.eventTime <= horizon) {
            late.add(1);
            return;
        }
        KeyedWindowState state = states.value();
        boolean created = state == null;
        if (created) {
            state = features.newState();
        }
        FeatureVector vector = state.update(event.eventTime, event.numbers, event.strings, horizon);
        states.update(state);
        if (created) {
            context.timerService().registerEventTimeTimer(expiryTimer(state));
        }
        out.collect(withFeatures(event, vector));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Event> out) throws Exception {
        KeyedWindowState state = states.value();
        if (state == null) {
            return;
        }
        long watermark = context.timerService().currentWatermark();
        // Clamped: the final watermark (Long.MAX_VALUE) overflows the state's horizon + 1 and would evict nothing.
        state.advance(Math.min(watermark, KeyedWindowState.MAX_ABS_TIME));
        long next = expiryTimer(state);
        if (state.isEmpty() || next <= watermark) {
            states.clear();
        } else {
            states.update(state);
            context.timerService().registerEventTimeTimer(next);
        }
    }

    /** The state's expiry rounded up to the timer grid: always after the current watermark. */
    private static long expiryTimer(KeyedWindowState state) {
        return Math.floorDiv(state.expiryHorizon(), TIMER_GRANULARITY_MILLIS) * TIMER_GRANULARITY_MILLIS
                + TIMER_GRANULARITY_MILLIS;
    }

    private static Event withFeatures(Event event, FeatureVector vector) {
        Event result = new Event(event.schema, event.source, event.eventId, event.key, event.eventTime,
                event.ingestTime, event.numbers, event.strings);
        double[] values = new double[vector.size()];
        for (int f = 0; f < values.length; f++) {
            values[f] = vector.value(f);
        }
        result.features = values;
        return result;
    }
}
