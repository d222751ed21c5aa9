package io.streamscore.bench.features;

import io.streamscore.event.Event;

/**
 * One pre-generated benchmark input, held in memory so that generation is never timed: the events in arrival order.
 *
 * @param keys           size of the key space the keys were drawn from
 * @param events         arrival order; event times are at most {@code outOfOrderMillis} behind the newest one so far
 * @param outOfOrderMillis the disorder bound the generator kept (and the watermark bound the jobs use)
 * @param description    how the input was made, for the report
 */
public record BenchInput(int keys, Event[] events, long outOfOrderMillis, String description) {
    public BenchInput {
        if (keys < 1 || events.length == 0 || outOfOrderMillis < 0) {
            throw new IllegalArgumentException("an input needs keys, events and a non-negative disorder bound");
        }
    }

    public int size() {
        return events.length;
    }

    /** The first {@code count} events, as an input of their own. */
    public BenchInput prefix(int count) {
        if (count == events.length) {
            return this;
        }
        return new BenchInput(keys, java.util.Arrays.copyOf(events, count), outOfOrderMillis,
                "the first " + count + " events of: " + description);
    }


    public long lastTime() {
        long latest = Long.MIN_VALUE;
        for (int i = events.length - 1; i >= Math.max(0, events.length - 10_000); i--) {
            latest = Math.max(latest, events[i].eventTime);
        }
        return latest;
    }
}
