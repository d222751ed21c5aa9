package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {

    /** A process that burns CPU at a known rate: CPU per event is that rate over the events' rate. */
    @Test
    void cpuPerEventIsTheCpuSpentInTheSteadyWindowOverItsEvents() throws Exception {
        long started = System.currentTimeMillis();
        // 2 ms of CPU per ms of wall time (two busy cores), as the sampler reads it
        CpuSampler sampler = new CpuSampler(() -> (System.currentTimeMillis() - started) * 2_000_000L);
        Thread.sleep(300);
        sampler.close();
        // 1,000 events 0.2 ms apart within the sampled span: 2 ms of CPU per ms over 5 events per ms
        long[] eventNanos = new long[1_000];
        for (int i = 0; i < eventNanos.length; i++) {
            eventNanos[i] = (started + 50) * 1_000_000L + i * 200_000L;
        }

        double micros = sampler.microsPerEvent(CpuSampler.SteadyWindow.of(eventNanos));

        assertThat(micros).isCloseTo(400.0, within(40.0)); // 2 ms / 5 events; sampled every 10 ms, so not exact
    }

    @Test
    void aWindowTheSamplesDoNotCoverHasNoCpuFigure() throws Exception {
        AtomicLong cpu = new AtomicLong();
        CpuSampler sampler = new CpuSampler(() -> cpu.addAndGet(1_000));
        sampler.close();
        long later = (System.currentTimeMillis() + 60_000) * 1_000_000L;

        double micros = sampler.microsPerEvent(CpuSampler.SteadyWindow.of(new long[] {later, later + 1, later + 2}));

        assertThat(micros).isNaN();
    }

    @Test
    void theSteadyWindowLeavesOutTheFirstAndLastTenthOfTheResults() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = i * 1_000_000L;
        }
        nanos[0] = -5_000_000_000L; // a straggler at the start does not stretch the window

        CpuSampler.SteadyWindow window = CpuSampler.SteadyWindow.of(nanos);

        assertThat(window.fromMillis()).isEqualTo(10.0);
        assertThat(window.toMillis()).isEqualTo(90.0);
        assertThat(window.events()).isEqualTo(80);
        assertThat(window.eventsPerSecond()).isCloseTo(1_000.0, within(1e-9));
    }
}
