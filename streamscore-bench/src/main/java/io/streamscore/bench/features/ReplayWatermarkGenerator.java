package io.streamscore.bench.features;

import io.streamscore.event.Event;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks ({@code max time - bound - 1}) emitted as event time advances by
 * {@link #GRANULARITY_MILLIS}, like the pipeline's own ingest watermarks. A replay runs thousands of times faster than
 * real time: with Flink's processing-time ticks (every 200 ms) a watermark would jump minutes of event time at once,
 * so windows would fire, and SQL would sort, in huge bursts no real-time stream sees. Tying emission to event time
 * gives every engine the watermark cadence of a live stream, whatever the replay speed.
 */
final class ReplayWatermarkGenerator implements WatermarkGenerator<Event> {
    static final long GRANULARITY_MILLIS = 200;

    private final long bound;
    private long maxTime = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    ReplayWatermarkGenerator(long boundMillis) {
        this.bound = boundMillis;
    }

    @Override
    public void onEvent(Event event, long timestamp, WatermarkOutput output) {
        if (timestamp <= maxTime) {
            return;
        }
        maxTime = timestamp;
        long watermark = maxTime - bound - 1;
        if (lastEmitted == Long.MIN_VALUE || watermark - lastEmitted >= GRANULARITY_MILLIS) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Event-time driven only; the end of input brings the final watermark.
    }
}
