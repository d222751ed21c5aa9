package io.streamscore.flink.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks over decoded events only: dead letters have no trustworthy time and never move
 * the watermark. The watermark is {@code maxEventTime - maxOutOfOrderness - 1}, as in Flink's own generator.
 *
 * <p>Besides the periodic emission, it emits on an event as soon as the watermark has advanced by
 * {@code granularity} since the last emission. Run inside the source, this makes the watermark at each point of a
 * Kafka partition a function of the partition's data rather than of processing-time ticks: a catching-up job that
 * reads thousands of records between two ticks still judges lateness record by record, the same way on every run.
 * The cost is bounded by one watermark per {@code granularity} of event time.
 */
public final class EventTimeWatermarkGenerator implements WatermarkGenerator<Ingested> {
    private final long maxOutOfOrderness;
    private final long granularity;
    private long maxTimestamp;
    private long lastEmitted = Long.MIN_VALUE;

    public EventTimeWatermarkGenerator(long maxOutOfOrdernessMillis, long granularityMillis) {
        if (maxOutOfOrdernessMillis < 0 || granularityMillis < 1) {
            throw new IllegalArgumentException("maxOutOfOrderness must be >= 0 and granularity >= 1 ms");
        }
        this.maxOutOfOrderness = maxOutOfOrdernessMillis;
        this.granularity = granularityMillis;
        // Start so that the first watermark is Long.MIN_VALUE, without overflow.
        this.maxTimestamp = Long.MIN_VALUE + maxOutOfOrderness + 1;
    }

    @Override
    public void onEvent(Ingested record, long eventTimestamp, WatermarkOutput output) {
        if (!record.isEvent()) {
            return;
        }
        if (eventTimestamp > maxTimestamp) {
            maxTimestamp = eventTimestamp;
            long candidate = currentWatermark();
            if (lastEmitted == Long.MIN_VALUE || candidate - lastEmitted >= granularity) {
                emit(candidate, output);
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        emit(currentWatermark(), output);
    }

    private long currentWatermark() {
        return maxTimestamp - maxOutOfOrderness - 1;
    }

    private void emit(long watermark, WatermarkOutput output) {
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
