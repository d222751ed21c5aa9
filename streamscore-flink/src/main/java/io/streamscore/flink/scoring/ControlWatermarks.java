package io.streamscore.flink.scoring;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of the control stream: always the maximum. Control messages have no event time of their own, and the
 * scoring operator's watermark is the minimum of its inputs, so anything lower (or none at all) would hold back
 * every event-time operator after scoring. At the maximum, the events alone decide the watermark.
 */
final class ControlWatermarks implements WatermarkGenerator<ControlRecord> {
    static WatermarkStrategy<ControlRecord> strategy() {
        return WatermarkStrategy.forGenerator(context -> new ControlWatermarks());
    }

    @Override
    public void onEvent(ControlRecord record, long timestamp, WatermarkOutput output) {
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }
}
