package io.streamscore.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarkGeneratorTest {
    private static final long T0 = 1_767_225_600_000L;

    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    private static Ingested event(long time) {
        return Ingested.of(new Event("transaction", "tx", "e" + time, "u1", time, time, new double[0], new String[0]));
    }

    private static Ingested deadLetter() {
        return Ingested.of(new DeadLetter("tx", "t", 0, 0, null, new byte[] {1}, DeadLetterReason.INVALID_JSON, "bad",
                T0));
    }

    @Test
    void watermarkTrailsTheNewestEventByTheOutOfOrdernessBound() {
        EventTimeWatermarkGenerator generator = new EventTimeWatermarkGenerator(5_000, 100);
        generator.onEvent(event(T0), T0, output);
        generator.onEvent(event(T0 + 10_000), T0 + 10_000, output);

        assertThat(emitted).containsExactly(T0 - 5_001, T0 + 10_000 - 5_001);
    }

    @Test
    void emitsOnEventsOnlyOncePerGranularityButAlwaysOnPeriodicTicks() {
        EventTimeWatermarkGenerator generator = new EventTimeWatermarkGenerator(0, 100);
        for (long t = 0; t < 1_000; t += 10) {
            generator.onEvent(event(T0 + t), T0 + t, output);
        }
        generator.onPeriodicEmit(output);

        assertThat(emitted).hasSize(11).isSorted();
        assertThat(emitted.get(emitted.size() - 1)).isEqualTo(T0 + 990 - 1);
    }

    @Test
    void outOfOrderEventsNeverMoveTheWatermarkBack() {
        EventTimeWatermarkGenerator generator = new EventTimeWatermarkGenerator(1_000, 1);
        generator.onEvent(event(T0 + 5_000), T0 + 5_000, output);
        generator.onEvent(event(T0 + 1_000), T0 + 1_000, output);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(T0 + 3_999);
    }

    @Test
    void deadLettersDoNotMoveTheWatermark() {
        EventTimeWatermarkGenerator generator = new EventTimeWatermarkGenerator(1_000, 1);
        generator.onEvent(deadLetter(), Long.MAX_VALUE - 1, output);
        generator.onPeriodicEmit(output);

        assertThat(emitted).isEmpty();
    }
}
