package io.streamscore.bench.features;

import io.streamscore.event.Event;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Turns the source's sequence numbers into the pre-generated events of one {@link ReplayInputs} entry, and stamps the
 * run's start: accumulator {@link #STARTED_NANOS} is {@link System#nanoTime()} at the first event (the MiniCluster
 * shares this JVM's clock with the harness and {@link OutputProbe}).
 *
 * <p>Past the end of the input it keeps the job alive for state measurements: it returns a heartbeat (an event
 * without a key, dropped right after) every {@link #HEARTBEAT_MILLIS}, sleeping in between; sleeping in the source
 * task only delays the next poll, checkpoint barriers still pass between heartbeats.
 */
final class ReplayFunction extends RichMapFunction<Long, Event> {
    static final String STARTED_NANOS = "started-nanos";
    static final long HEARTBEAT_MILLIS = 20;

    private final String input;
    private final int limit;
    private transient Event[] events;
    private transient LongMinimum started;

    ReplayFunction(String input, int limit) {
        this.input = input;
        this.limit = limit;
    }

    @Override
    public void open(OpenContext context) {
        events = ReplayInputs.events(input);
        started = new LongMinimum();
        getRuntimeContext().addAccumulator(STARTED_NANOS, started);
    }

    @Override
    public Event map(Long sequence) throws InterruptedException {
        long index = sequence;
        if (index == 0) {
            started.add(System.nanoTime());
        }
        if (index < limit) {
            if (index == limit - 1) {
                ReplayInputs.markReplayed(input);
            }
            return events[(int) index];
        }
        Thread.sleep(HEARTBEAT_MILLIS);
        return new Event();
    }

    static boolean isHeartbeat(Event event) {
        return event.key == null;
    }
}
