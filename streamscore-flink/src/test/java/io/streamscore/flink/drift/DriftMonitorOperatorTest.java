package io.streamscore.flink.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.Histogram;
import io.streamscore.spec.MonitoringSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The drift monitor operator checkpoints its windows and the samples waiting for the watermark: restored from a
 * snapshot it raises the alerts an uninterrupted one raises (no blind window, no duplicate), and it starts empty from
 * a snapshot of another champion or from a savepoint that has no drift state. Its readings do not depend on how its
 * upstream subtasks' samples interleave. Watermarks are the tightest valid ones: just below the earliest sample still
 * to come.
 */
class DriftMonitorOperatorTest {
    private static final MonitoringSpec.Drift SETTINGS = new MonitoringSpec.Drift(true, Duration.ofMinutes(1),
            Duration.ofSeconds(10), 0.2, 500);
    private static final Histogram UNIFORM = new Histogram(new double[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100},
            new long[] {0, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0}, 0);
    private static final long START = 1_767_225_600_000L;
    private static final long SHIFT = START + 200_000;

    private static DriftPlan plan(int version) {
        return new DriftPlan(SETTINGS, "fraud", version, List.of("amount"), Map.of("amount", UNIFORM), UNIFORM);
    }

    /** 400 s of payments every 20 ms whose amount halves from 200 s on; each one's score arrives 3 s later. */
    private static List<DriftSample> samples() {
        Random random = new Random(11);
        List<DriftSample> samples = new ArrayList<>();
        for (long t = START; t < START + 400_000; t += 20) {
            double amount = random.nextDouble() * 100;
            samples.add(new DriftSample(t, false, new double[] {t < SHIFT ? amount : amount * 0.5}));
            if (t - 3_000 >= START) {
                samples.add(new DriftSample(t - 3_000, true, new double[] {random.nextDouble() * 100}));
            }
        }
        return samples;
    }

    private static int indexAt(List<DriftSample> samples, long eventTime) {
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).score && samples.get(i).eventTime >= eventTime) {
                return i;
            }
        }
        throw new AssertionError("no sample at " + eventTime);
    }

    private static OneInputStreamOperatorTestHarness<DriftSample, DriftAlert> harness(
            OneInputStreamOperator<DriftSample, DriftAlert> operator, OperatorSubtaskState restoreFrom)
            throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(operator);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    /**
     * Feeds {@code samples} with a watermark every 100 samples just below the earliest one still to come (and, when
     * {@code last}, the end of input's); returns the alerts as "feature@window end psi".
     */
    private static List<String> feed(OneInputStreamOperatorTestHarness<DriftSample, DriftAlert> harness,
                                     List<DriftSample> samples, boolean last) throws Exception {
        long[] earliestFrom = new long[samples.size() + 1];
        earliestFrom[samples.size()] = Long.MAX_VALUE;
        for (int i = samples.size() - 1; i >= 0; i--) {
            earliestFrom[i] = Math.min(samples.get(i).eventTime, earliestFrom[i + 1]);
        }
        for (int i = 0; i < samples.size(); i++) {
            harness.processElement(new StreamRecord<>(samples.get(i)));
            if (i % 100 == 99 && i + 1 < samples.size()) {
                harness.processWatermark(new Watermark(earliestFrom[i + 1] - 1));
            }
        }
        if (last) {
            harness.processWatermark(Watermark.MAX_WATERMARK);
        }
        List<String> alerts = new ArrayList<>();
        for (DriftAlert alert : harness.extractOutputValues()) {
            alerts.add(alert.alertId + " psi " + alert.psi + " v" + alert.modelVersion);
        }
        return alerts;
    }

    private static int pendingSamples(OneInputStreamOperatorTestHarness<DriftSample, DriftAlert> harness) {
        return ((DriftMonitorOperator) harness.getOperator()).pendingSamples();
    }

    private static List<String> uninterrupted(List<DriftSample> samples) throws Exception {
        try (var harness = harness(new DriftMonitorOperator(plan(3)), null)) {
            return feed(harness, samples, true);
        }
    }

    /** Runs the first samples up to {@code cut}, snapshots, and restores the rest into a function for {@code plan}. */
    private static List<String> withRestoreAt(long cut, DriftPlan plan) throws Exception {
        List<DriftSample> samples = samples();
        int at = indexAt(samples, cut);
        List<String> alerts;
        OperatorSubtaskState snapshot;
        int held;
        try (var before = harness(new DriftMonitorOperator(plan(3)), null)) {
            alerts = new ArrayList<>(feed(before, samples.subList(0, at), false));
            held = pendingSamples(before);
            assertThat(held).as("samples held").isPositive();
            snapshot = before.snapshot(1, cut);
        }
        try (var after = harness(new DriftMonitorOperator(plan), snapshot)) {
            if (plan.modelVersion() == 3) {
                assertThat(pendingSamples(after)).as("samples held after the restore").isEqualTo(held);
            }
            alerts.addAll(feed(after, samples.subList(at, samples.size()), true));
        }
        return alerts;
    }

    @Test
    void restoredWindowsGiveTheAlertsOfAnUninterruptedRun() throws Exception {
        List<String> expected = uninterrupted(samples());
        assertThat(expected).as("the shift alerts once").hasSize(1).first().asString()
                .startsWith("drift|fraud:amount|");
        long alertWindowEnd = Long.parseLong(expected.get(0).split("\\|")[2].split(" ")[0]);

        // between the shift and its alert (a blind window would delay it), and inside the alert's episode (an empty
        // window would alert again once full: a duplicate)
        assertThat(withRestoreAt(SHIFT + 3_007, plan(3))).isEqualTo(expected);
        assertThat(withRestoreAt(alertWindowEnd + 5_003, plan(3))).isEqualTo(expected);
    }

    @Test
    void aSnapshotOfAnotherChampionIsDroppedAndItsWindowsStartEmpty() throws Exception {
        List<DriftSample> samples = samples();
        List<String> fresh;
        try (var harness = harness(new DriftMonitorOperator(plan(4)), null)) {
            fresh = feed(harness, samples.subList(indexAt(samples, SHIFT + 3_007), samples.size()), true);
        }
        List<String> restored = withRestoreAt(SHIFT + 3_007, plan(4));

        assertThat(restored).as("as a first run of v4 from the cut").isEqualTo(fresh)
                .isNotEqualTo(uninterrupted(samples));
    }

    @Test
    void aSavepointWithoutDriftStateStartsEmpty() throws Exception {
        List<DriftSample> samples = samples();
        int at = indexAt(samples, SHIFT + 3_007);
        OperatorSubtaskState older;
        try (var before = harness(new ProcessOperator<>(new StatelessMonitor()), null)) {
            feed(before, samples.subList(0, at), false);
            older = before.snapshot(1, SHIFT);
        }
        List<String> restored;
        try (var after = harness(new DriftMonitorOperator(plan(3)), older)) {
            restored = feed(after, samples.subList(at, samples.size()), true);
        }
        List<String> fresh;
        try (var harness = harness(new DriftMonitorOperator(plan(3)), null)) {
            fresh = feed(harness, samples.subList(at, samples.size()), true);
        }
        assertThat(restored).isEqualTo(fresh);
    }

    /**
     * A snapshot taken by the operator of c2dca2a (2026-12-06), at {@code SHIFT + 3_007} of {@link #samples()}, held
     * its 202 waiting samples as one list entry each ({@value DriftMonitorOperator#POJO_PENDING_STATE}). Restored,
     * they wait again and the run gives the uninterrupted alerts; the next snapshot holds them once, in the new form.
     */
    @Test
    void aSnapshotHoldingOneEntryPerSampleStillRestores() throws Exception {
        List<DriftSample> samples = samples();
        List<DriftSample> rest = samples.subList(indexAt(samples, SHIFT + 3_007), samples.size());
        OperatorSubtaskState older = OperatorSnapshotUtil.readStateHandle(
                Path.of(DriftMonitorOperatorTest.class.getResource("/drift/monitor-pending-pojo-list.snapshot").toURI())
                        .toString());
        OperatorSubtaskState rewritten;
        try (var restored = harness(new DriftMonitorOperator(plan(3)), older)) {
            assertThat(pendingSamples(restored)).isEqualTo(202);
            rewritten = restored.snapshot(2, SHIFT + 3_007);
        }
        try (var again = harness(new DriftMonitorOperator(plan(3)), rewritten)) {
            assertThat(pendingSamples(again)).as("held once, not once per form").isEqualTo(202);
            List<String> alerts = feed(again, rest, true);
            List<String> expected = uninterrupted(samples);
            assertThat(expected).hasSize(1);
            assertThat(alerts).isEqualTo(expected);
        }
    }

    /**
     * The payments split between two upstream subtasks, the second's arriving a minute of event time after the
     * first's (as when one subtask races ahead through a backlog): the same alerts, with the same PSI, as in order.
     * Fed as they arrived, the amount's windows were judged with only the first subtask's last minute in them.
     */
    @Test
    void readingsDoNotDependOnHowTheUpstreamSubtasksInterleave() throws Exception {
        List<DriftSample> inOrder = samples();
        List<DriftSample> first = new ArrayList<>();
        List<DriftSample> second = new ArrayList<>();
        for (DriftSample sample : inOrder) { // every other payment (and its score) on each subtask
            ((sample.eventTime - START) / 20 % 2 == 0 ? first : second).add(sample);
        }
        List<DriftSample> skewed = new ArrayList<>();
        int next = 0;
        for (DriftSample sample : first) {
            while (next < second.size() && second.get(next).eventTime <= sample.eventTime - 60_000) {
                skewed.add(second.get(next++));
            }
            skewed.add(sample);
        }
        skewed.addAll(second.subList(next, second.size()));

        List<String> expected = uninterrupted(inOrder);
        assertThat(expected).hasSize(1);
        assertThat(uninterrupted(skewed)).isEqualTo(expected);
    }

    /** Stands for the monitor before its windows were checkpointed: an operator without state. */
    private static final class StatelessMonitor extends ProcessFunction<DriftSample, DriftAlert> {
        @Override
        public void processElement(DriftSample sample, Context ctx, Collector<DriftAlert> out) {}
    }
}
