package io.streamscore.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.registry.Histogram;
import io.streamscore.spec.MonitoringSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A monitor restored from a snapshot and fed the rest of the input gives exactly the readings and alerts of one that
 * was never interrupted, wherever the cut falls; a snapshot of other windows is dropped, an unknown format refused.
 */
class DriftMonitorSnapshotTest {
    private static final MonitoringSpec.Drift SETTINGS = new MonitoringSpec.Drift(true, Duration.ofMinutes(1),
            Duration.ofSeconds(10), 0.2, 500);
    private static final Histogram UNIFORM = new Histogram(new double[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100},
            new long[] {0, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0}, 0);
    private static final long START = 1_000_003;
    private static final long SHIFT = START + 200_000;
    private static final long SCORE_LAG = 3_000;

    /** One value for the monitor: which watched value, its event time, the value (NaN: missing). */
    private record Input(int index, long eventTime, double value) {}

    /**
     * 400 s of values every 20 ms: "amount" halves from 200 s on, the "score" reaches the monitor 3 s late (as
     * scores after scoring do) and is missing for one value in 50.
     */
    private static List<Input> inputs() {
        Random random = new Random(7);
        List<Input> inputs = new ArrayList<>();
        for (long t = START; t < START + 400_000; t += 20) {
            double amount = random.nextDouble() * 100;
            inputs.add(new Input(0, t, t < SHIFT ? amount : amount * 0.5));
            long scored = t - SCORE_LAG;
            if (scored >= START) {
                inputs.add(new Input(1, scored, random.nextInt(50) == 0 ? Double.NaN : random.nextDouble() * 100));
            }
        }
        return inputs;
    }

    private static Map<String, Histogram> baselines() {
        Map<String, Histogram> baselines = new LinkedHashMap<>();
        baselines.put("amount", UNIFORM);
        baselines.put("score", UNIFORM);
        return baselines;
    }

    private static DriftMonitor monitor(String reference) {
        return new DriftMonitor(reference, SETTINGS, baselines());
    }

    private static List<DriftMonitor.Reading> feed(DriftMonitor monitor, List<Input> inputs) {
        List<DriftMonitor.Reading> readings = new ArrayList<>();
        for (Input input : inputs) {
            DriftMonitor.Reading reading = monitor.add(input.index(), input.eventTime(), input.value());
            if (reading != null) {
                readings.add(reading);
            }
        }
        return readings;
    }

    private static int firstAt(List<Input> inputs, long eventTime) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).eventTime() >= eventTime && inputs.get(i).index() == 0) {
                return i;
            }
        }
        throw new AssertionError("no input at " + eventTime);
    }

    @Test
    void aRestoredMonitorGivesTheReadingsAndAlertsOfAnUninterruptedOneWhereverTheCutFalls() {
        List<Input> inputs = inputs();
        DriftMonitor uninterrupted = monitor("fraud v3");
        List<DriftMonitor.Reading> expected = feed(uninterrupted, inputs);
        List<DriftMonitor.Reading> alerts = expected.stream().filter(DriftMonitor.Reading::alert).toList();
        assertThat(alerts).as("the shift of amount alerts once").hasSize(1);
        long firstAlert = alerts.get(0).windowEnd();
        // in the first (partial) window mid-slot, on a slot boundary, in a full window mid-slot, and in the middle of
        // the alert episode (a second alert there would be a duplicate)
        long[] cuts = {START + 25_007, START + 69_997, START + 133_333, firstAlert + 15_011};
        for (long cut : cuts) {
            int at = firstAt(inputs, cut);
            DriftMonitor before = monitor("fraud v3");
            List<DriftMonitor.Reading> readings = feed(before, inputs.subList(0, at));
            DriftMonitor after = monitor("fraud v3");
            assertThat(after.restore(before.snapshot()).restored()).isTrue();
            readings.addAll(feed(after, inputs.subList(at, inputs.size())));

            assertThat(readings).as("readings with a restore at %d", cut).isEqualTo(expected);
            assertThat(after.snapshot()).as("state at the end, cut at %d", cut).isEqualTo(uninterrupted.snapshot());
        }
    }

    @Test
    void aFullWindowIsJudgedRightAfterARestoreWhereAFreshMonitorIsBlind() {
        List<Input> inputs = inputs();
        int at = firstAt(inputs, START + 133_333);
        DriftMonitor before = monitor("fraud v3");
        feed(before, inputs.subList(0, at));
        DriftMonitor restored = monitor("fraud v3");
        restored.restore(before.snapshot());
        DriftMonitor fresh = monitor("fraud v3");

        List<DriftMonitor.Reading> next = feed(restored, inputs.subList(at, firstAt(inputs, START + 150_000)));
        assertThat(next).isNotEmpty()
                .allSatisfy(reading -> assertThat(reading.psi()).as("judged, below the threshold").isBetween(0.0, 0.2));
        assertThat(feed(fresh, inputs.subList(at, firstAt(inputs, START + 150_000))))
                .isNotEmpty().allSatisfy(reading -> assertThat(reading.psi()).isNaN());
    }

    @Test
    void aSnapshotOfOtherWindowsIsDroppedAndTheMonitorStartsFresh() {
        List<Input> inputs = inputs();
        DriftMonitor before = monitor("fraud v3");
        feed(before, inputs.subList(0, firstAt(inputs, START + 133_333)));
        byte[] snapshot = before.snapshot();

        DriftMonitor newChampion = monitor("fraud v4");
        DriftMonitor.Restore restore = newChampion.restore(snapshot);
        assertThat(restore.restored()).isFalse();
        assertThat(restore.reason()).contains("fraud v3", "fraud v4");
        assertThat(newChampion.snapshot()).as("still empty").isEqualTo(monitor("fraud v4").snapshot());

        Map<String, Histogram> shifted = baselines();
        shifted.put("score", new Histogram(UNIFORM.edges(), new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0}, 0));
        assertThat(new DriftMonitor("fraud v3", SETTINGS, shifted).restore(snapshot).reason())
                .isEqualTo("the baselines changed");
        assertThat(new DriftMonitor("fraud v3", SETTINGS, Map.of("amount", UNIFORM)).restore(snapshot).reason())
                .contains("watched values changed");
        MonitoringSpec.Drift longer = new MonitoringSpec.Drift(true, Duration.ofMinutes(2), Duration.ofSeconds(10),
                0.2, 500);
        assertThat(new DriftMonitor("fraud v3", longer, baselines()).restore(snapshot).reason())
                .contains("window/every changed");
        MonitoringSpec.Drift stricter = new MonitoringSpec.Drift(true, Duration.ofMinutes(1), Duration.ofSeconds(10),
                0.1, 100);
        assertThat(new DriftMonitor("fraud v3", stricter, baselines()).restore(snapshot).restored())
                .as("threshold and min_samples do not change the windows").isTrue();
    }

    @Test
    void anUnknownFormatVersionOrATruncatedSnapshotIsRefusedClearly() {
        DriftMonitor monitor = monitor("fraud v3");
        feed(monitor, inputs().subList(0, 1_000));
        byte[] snapshot = monitor.snapshot();
        assertThat(snapshot[0]).as("version byte").isEqualTo((byte) 1);

        byte[] future = snapshot.clone();
        future[0] = 9;
        assertThatThrownBy(() -> monitor("fraud v3").restore(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version 9").hasMessageContaining("reads version 1");
        byte[] truncated = Arrays.copyOf(snapshot, snapshot.length - 3);
        assertThatThrownBy(() -> monitor("fraud v3").restore(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drift monitor of fraud v3");
    }

    @Test
    void theSnapshotIsCompact() {
        DriftMonitor monitor = monitor("fraud v3");
        feed(monitor, inputs());
        // 2 values x 6 slots x 12 bins of about 50 values a bin: a byte a slot-bin, and the header
        assertThat(monitor.snapshot().length).as("measured 260").isLessThan(300);
    }
}
