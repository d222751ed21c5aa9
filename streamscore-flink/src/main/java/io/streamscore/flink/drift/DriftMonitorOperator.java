package io.streamscore.flink.drift;

import io.streamscore.drift.DriftMonitor;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift monitor of a pipeline, run with parallelism 1 so that it sees every event: counts each sample into
 * sliding event-time windows ({@link DriftMonitor}) and, each time a value's event time passes a multiple of
 * {@code every}, computes its PSI (every model input and the score) against the model's baselines. It
 * publishes them as gauges ({@code streamscore_drift_psi{feature}}, NaN below {@code min_samples}) and emits a
 * {@link DriftAlert} when a PSI passes the threshold (once per episode).
 *
 * <p>Samples reach it from several upstream subtasks (the model inputs before scoring, the scores after it), each at
 * its own pace: while a backlog is replayed one subtask can be minutes of event time ahead of another. So a sample is
 * held until the watermark (the slowest input's) passes its event time, and the held samples go to the monitor in
 * event-time order: every sample before a multiple of {@code every} is counted before the window ending there is
 * judged, and the readings depend on the data only, not on how the inputs interleaved. (Fed as they arrived, the same
 * input gave PSI 0.229 in one run and 0.232 in another, and once a second alert when a reading dipped under the
 * threshold.) A sample already behind the watermark when it arrives (within the source's allowed lateness) is
 * counted at once. Held samples are about one watermark delay of the input (the sources' out-of-orderness); they
 * are checkpointed with the windows, up to 8 MB of them per entry of operator state ({@value #PENDING_STATE},
 * {@link PendingSamples}): one entry per sample made this operator's checkpoints the pipeline's slowest.
 * Snapshots taken before that hold one entry per sample ({@value #POJO_PENDING_STATE}); they still restore.
 *
 * <p>The windows are checkpointed ({@link DriftMonitor#snapshot}, one entry of operator state {@value #STATE}), with
 * the evaluation clock and the alert episodes, so after a restore the monitor goes on judging the windows it had,
 * neither repeating nor skipping an evaluation, instead of being blind for a whole window. A snapshot taken for
 * another model version, other features or baselines, or another window/every is dropped (logged) and the monitor
 * starts empty as on a first run; so does a restore from a savepoint that has no such state (taken before it
 * existed).
 */
public final class DriftMonitorOperator extends AbstractStreamOperator<DriftAlert>
        implements OneInputStreamOperator<DriftSample, DriftAlert> {
    public static final String DRIFT_GROUP = "drift";
    public static final String FEATURE_GROUP = "feature";
    public static final String PSI = "psi";
    public static final String SAMPLES = "samples";
    public static final String ALERTS = "alerts";
    /** The operator state holding the monitor's snapshot. */
    public static final String STATE = "drift-windows";
    /** The operator state holding the samples not yet behind the watermark, many to an entry. */
    public static final String PENDING_STATE = "drift-pending";
    /** Where snapshots taken before 2026-12-06 held those samples, one entry (a POJO) per sample. */
    static final String POJO_PENDING_STATE = "drift-pending-samples";
    private static final Logger LOG = LoggerFactory.getLogger(DriftMonitorOperator.class);

    private final DriftPlan plan;
    private transient DriftMonitor monitor;
    private transient ListState<byte[]> checkpointed;
    private transient ListState<byte[]> pendingState;
    private transient PriorityQueue<DriftSample> pending;
    private transient long watermark;
    private transient int scoreIndex;
    private transient double[] psi;
    private transient long[] samples;
    private transient Counter[] alerts;

    public DriftMonitorOperator(DriftPlan plan) {
        this.plan = plan;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        monitor = newMonitor();
        watermark = Long.MIN_VALUE;
        pending = new PriorityQueue<>(Comparator.comparingLong(sample -> sample.eventTime));
        checkpointed = bytesState(context.getOperatorStateStore(), STATE);
        pendingState = bytesState(context.getOperatorStateStore(), PENDING_STATE);
        if (!context.isRestored()) {
            return;
        }
        List<DriftSample> held = restoredPending(context.getOperatorStateStore());
        List<byte[]> snapshots = new ArrayList<>();
        checkpointed.get().forEach(snapshots::add);
        if (snapshots.size() != 1) {
            LOG.info("Drift monitor of {}: {} snapshots in the restored state (a savepoint from before drift windows "
                    + "were checkpointed has none); windows start empty", reference(), snapshots.size());
            return;
        }
        DriftMonitor.Restore restore = monitor.restore(snapshots.get(0));
        if (restore.restored()) {
            // held samples belong to these windows: another model's inputs would not even line up with these
            pending.addAll(held);
            LOG.info("Drift monitor of {}: {}; {} samples wait for the watermark", reference(), restore.reason(),
                    pending.size());
        } else {
            LOG.warn("Drift monitor of {}: dropped the restored windows and held samples because {}; they start "
                    + "empty, and the first window is judged once full", reference(), restore.reason());
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(List.of(monitor.snapshot()));
        pendingState.update(PendingSamples.write(pending, PendingSamples.ENTRY_BYTES));
    }

    private static ListState<byte[]> bytesState(OperatorStateStore store, String name) throws Exception {
        return store.getListState(
                new ListStateDescriptor<>(name, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    /**
     * The held samples of the restored snapshot: its {@value #PENDING_STATE} entries, or an older snapshot's entry
     * per sample, which is then emptied (Flink keeps a restored operator state in every later snapshot).
     */
    private List<DriftSample> restoredPending(OperatorStateStore store) throws Exception {
        List<DriftSample> held = new ArrayList<>();
        for (byte[] entry : pendingState.get()) {
            held.addAll(PendingSamples.read(entry));
        }
        if (store.getRegisteredStateNames().contains(POJO_PENDING_STATE)) {
            ListState<DriftSample> older = store.getListState(
                    new ListStateDescriptor<>(POJO_PENDING_STATE, TypeInformation.of(DriftSample.class)));
            older.get().forEach(held::add);
            older.clear();
        }
        return held;
    }

    private DriftMonitor newMonitor() {
        return new DriftMonitor(reference(), plan.settings(), plan.baselines());
    }

    private String reference() {
        return plan.modelName() + " v" + plan.modelVersion();
    }

    @Override
    public void open() throws Exception {
        super.open();
        scoreIndex = plan.features().size();
        List<String> names = monitor.names();
        psi = new double[names.size()];
        java.util.Arrays.fill(psi, Double.NaN);
        samples = new long[names.size()];
        alerts = new Counter[names.size()];
        MetricGroup drift = PipelineMetrics.pipelineGroup(getMetricGroup()).addGroup(DRIFT_GROUP);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            MetricGroup feature = drift.addGroup(FEATURE_GROUP, names.get(i));
            feature.<Double, Gauge<Double>>gauge(PSI, () -> psi[index]);
            feature.<Long, Gauge<Long>>gauge(SAMPLES, () -> samples[index]);
            alerts[i] = feature.counter(ALERTS);
        }
    }

    @Override
    public void processElement(StreamRecord<DriftSample> element) {
        DriftSample sample = element.getValue();
        if (sample.eventTime <= watermark) {
            count(sample);
        } else {
            pending.add(sample);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        while (!pending.isEmpty() && pending.peek().eventTime <= watermark) {
            count(pending.poll());
        }
        super.processWatermark(mark);
    }

    /** Samples waiting for the watermark. */
    int pendingSamples() {
        return pending.size();
    }

    private void count(DriftSample sample) {
        if (sample.score) {
            record(scoreIndex, monitor.add(scoreIndex, sample.eventTime, sample.values[0]));
        } else {
            for (int i = 0; i < sample.values.length && i < scoreIndex; i++) {
                record(i, monitor.add(i, sample.eventTime, sample.values[i]));
            }
        }
    }

    private void record(int index, DriftMonitor.Reading reading) {
        if (reading == null) {
            return;
        }
        psi[index] = reading.psi(); // the metrics thread may read these a moment late: fine for a gauge
        samples[index] = reading.samples();
        if (reading.alert()) {
            alerts[index].inc();
            output.collect(new StreamRecord<>(alert(reading)));
        }
    }

    private DriftAlert alert(DriftMonitor.Reading reading) {
        DriftAlert alert = new DriftAlert();
        alert.modelName = plan.modelName();
        alert.modelVersion = plan.modelVersion();
        alert.feature = reading.name();
        alert.psi = reading.psi();
        alert.threshold = plan.settings().threshold();
        alert.samples = reading.samples();
        alert.windowStart = reading.windowStart();
        alert.windowEnd = reading.windowEnd();
        alert.alertId = "drift|" + alert.key() + "|" + alert.windowEnd;
        return alert;
    }
}
