package io.streamscore.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.Histogram;
import io.streamscore.spec.MonitoringSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
    private static final MonitoringSpec.Drift SETTINGS = new MonitoringSpec.Drift(true, Duration.ofMinutes(1),
            Duration.ofSeconds(10), 0.2, 500);
    /** Uniform over [0, 100) in ten bins (plus empty underflow and overflow). */
    private static final Histogram UNIFORM = new Histogram(new double[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100},
            new long[] {0, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0}, 0);

    @Test
    void slidingHistogramForgetsValuesThatLeaveTheWindow() {
        SlidingHistogram window = new SlidingHistogram(UNIFORM, 6, 10_000);
        window.add(0, 5);
        window.add(59_999, 15);
        assertThat(window.window().total()).isEqualTo(2);
        window.add(60_000, 25); // the slot of t=0 leaves
        assertThat(window.window().counts()).containsExactly(0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        window.add(0, 5); // older than the window: ignored
        window.advanceTo(200_000);
        assertThat(window.window().total()).isZero();
        assertThat(window.windowStart()).isEqualTo(150_000);
    }

    @Test
    void stationaryValuesNeverAlert() {
        DriftMonitor monitor = new DriftMonitor(SETTINGS, Map.of("amount", UNIFORM));
        Random random = new Random(1);
        int readings = 0;
        for (long t = 0; t < 600_000; t += 20) {
            DriftMonitor.Reading reading = monitor.add(0, t, random.nextDouble() * 100);
            if (reading != null) {
                readings++;
                assertThat(reading.alert()).as("alert at %d: %s", t, reading).isFalse();
                assertThat(reading.windowEnd()).isEqualTo(t);
            }
        }
        assertThat(readings).as("one reading per 10 s").isEqualTo(59);
        DriftMonitor.Reading last = monitor.evaluate(600_000).get(0);
        assertThat(last.psi()).isLessThan(0.05);
        assertThat(last.samples()).as("the minute before 600 s, 50 values a second").isEqualTo(3_000);
    }

    @Test
    void aShiftAlertsOnceWithinTheWindowAndNotBelowMinSamples() {
        DriftMonitor monitor = new DriftMonitor(SETTINGS, Map.of("amount", UNIFORM));
        Random random = new Random(2);
        assertThat(monitor.evaluate(0).get(0).psi()).as("no samples yet").isNaN();
        long firstAlert = -1;
        int alerts = 0;
        for (long t = 0; t < 300_000; t += 20) {
            double value = random.nextDouble() * 100;
            DriftMonitor.Reading reading = monitor.add(0, t, t < 120_000 ? value : value * 0.5); // halves from 120 s
            if (reading != null && reading.alert()) {
                alerts++;
                firstAlert = firstAlert < 0 ? reading.windowEnd() : firstAlert;
            }
        }
        assertThat(alerts).isEqualTo(1);
        assertThat(firstAlert - 120_000).isBetween(0L, 60_000L);
    }
    /**
     * A cold start: the first 10 s of values all fall in the lowest bin (empty windows fill from zero), then they are
     * stationary. The partial windows of the first minute are not judged (PSI NaN, no alert), the first full window
     * is, and a real shift afterwards still alerts.
     */
    @Test
    void partialWindowsAfterAColdStartAreNotJudgedButARealShiftStillAlerts() {
        DriftMonitor monitor = new DriftMonitor(SETTINGS, Map.of("count", UNIFORM));
        Random random = new Random(3);
        long start = 1_000_003;
        long firstSlot = 1_000_000;
        List<DriftMonitor.Reading> readings = new ArrayList<>();
        for (long t = start; t < start + 400_000; t += 5) {
            double value = random.nextDouble() * 100;
            double warming = t < start + 10_000 ? value / 10 : value;
            DriftMonitor.Reading reading = monitor.add(0, t, t < start + 200_000 ? warming : warming * 0.5);
            if (reading != null) {
                readings.add(reading);
            }
        }
        List<DriftMonitor.Reading> partial = readings.stream().filter(r -> r.windowStart() < firstSlot).toList();
        assertThat(partial).as("readings of the first minute").hasSize(5)
                .allSatisfy(r -> assertThat(r.psi()).isNaN())
                .noneMatch(DriftMonitor.Reading::alert);
        DriftMonitor.Reading firstFull = readings.get(partial.size());
        assertThat(firstFull.windowStart()).isEqualTo(firstSlot);
        assertThat(firstFull.psi()).as("the first full window, with its cold 10 s").isBetween(0.0, 0.2);
        List<DriftMonitor.Reading> alerts = readings.stream().filter(DriftMonitor.Reading::alert).toList();
        assertThat(alerts).as("alerts: %s", alerts).hasSize(1);
        assertThat(alerts.get(0).windowEnd() - (start + 200_000)).isBetween(0L, 60_000L);
    }
}
