package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * The scoring operator's watermark is the minimum of the events' and the control stream's: the control stream must
 * sit at the maximum from its first periodic emit on, with or without messages, or event time stops after scoring.
 */
class ControlWatermarksTest {
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            emitted.add(null);
        }

        @Override
        public void markActive() {}
    };

    @Test
    void controlStreamNeverHoldsEventTimeBack() {
        WatermarkGenerator<ControlRecord> generator = new ControlWatermarks();

        generator.onPeriodicEmit(output);
        generator.onEvent(new ControlRecord("fraud-model-control", 0, 0, null, new byte[0]), 5L, output);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsOnly(Long.MAX_VALUE).hasSize(3);
    }
}
