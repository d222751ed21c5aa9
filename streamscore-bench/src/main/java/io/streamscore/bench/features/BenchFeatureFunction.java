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
 * <p>Expiry timers are rounded up to {@link #TIMER_GRANULARITY_MILLIS}: Flink keeps one timer per key and timestamp,
 * so a busy key re-registers the same timer instead of adding one per event, at the price of keeping an expired
 * state up to 10 s longer. Late events (at or before the watermark) are counted in accumulator {@link #LATE}, which a
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
        if (state == null) {
            state = features.newState();
        }
        FeatureVector vector = state.update(event.eventTime, event.numbers, event.strings, horizon);
        states.update(state);
        long expiry = state.expiryHorizon();
        context.timerService().registerEventTimeTimer(
                Math.floorDiv(expiry, TIMER_GRANULARITY_MILLIS) * TIMER_GRANULARITY_MILLIS + TIMER_GRANULARITY_MILLIS);
        out.collect(withFeatures(event, vector));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Event> out) throws Exception {
        KeyedWindowState state = states.value();
        if (state == null) {
            return;
        }
        state.advance(context.timerService().currentWatermark());
        if (state.isEmpty()) {
            states.clear();
        } else {
            states.update(state);
        }
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
