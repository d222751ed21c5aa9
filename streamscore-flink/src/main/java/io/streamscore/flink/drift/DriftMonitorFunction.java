package io.streamscore.flink.drift;

import io.streamscore.drift.DriftMonitor;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift monitor of a pipeline, run with parallelism 1 so that it sees every event: counts each sample into
 * sliding event-time windows ({@link DriftMonitor}) and, each time a value's event time passes a multiple of
 * {@code every}, computes its PSI (every model input and the score) against the model's baselines. It
 * publishes them as gauges ({@code streamscore_drift_psi{feature}}, NaN below {@code min_samples}) and emits a
 * {@link DriftAlert} when a PSI passes the threshold (once per episode).
 *
 * <p>The windows are checkpointed ({@link DriftMonitor#snapshot}, one entry of operator state {@value #STATE}), with
 * the evaluation clock and the alert episodes, so after a restore the monitor goes on judging the windows it had,
 * neither repeating nor skipping an evaluation, instead of being blind for a whole window. A snapshot taken for
 * another model version, other features or baselines, or another window/every is dropped (logged) and the monitor
 * starts empty as on a first run; so does a restore from a savepoint that has no such state (taken before it
 * existed).
 */
public final class DriftMonitorFunction extends ProcessFunction<DriftSample, DriftAlert> implements CheckpointedFunction {
    public static final String DRIFT_GROUP = "drift";
    public static final String FEATURE_GROUP = "feature";
    public static final String PSI = "psi";
    public static final String SAMPLES = "samples";
    public static final String ALERTS = "alerts";
    /** The operator state holding the monitor's snapshot. */
    public static final String STATE = "drift-windows";
    private static final Logger LOG = LoggerFactory.getLogger(DriftMonitorFunction.class);

    private final DriftPlan plan;
    private transient DriftMonitor monitor;
    private transient ListState<byte[]> checkpointed;
    private transient int scoreIndex;
    private transient double[] psi;
    private transient long[] samples;
    private transient Counter[] alerts;

    public DriftMonitorFunction(DriftPlan plan) {
        this.plan = plan;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        monitor = newMonitor();
        checkpointed = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>(STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (!context.isRestored()) {
            return;
        }
        List<byte[]> snapshots = new java.util.ArrayList<>();
        checkpointed.get().forEach(snapshots::add);
        if (snapshots.size() != 1) {
            LOG.info("Drift monitor of {}: {} snapshots in the restored state (a savepoint from before drift windows "
                    + "were checkpointed has none); windows start empty", reference(), snapshots.size());
            return;
        }
        DriftMonitor.Restore restore = monitor.restore(snapshots.get(0));
        if (restore.restored()) {
            LOG.info("Drift monitor of {}: {}", reference(), restore.reason());
        } else {
            LOG.warn("Drift monitor of {}: dropped the restored windows because {}; they start empty, and the first "
                    + "window is judged once full", reference(), restore.reason());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(List.of(monitor.snapshot()));
    }

    private DriftMonitor newMonitor() {
        return new DriftMonitor(reference(), plan.settings(), plan.baselines());
    }

    private String reference() {
        return plan.modelName() + " v" + plan.modelVersion();
    }

    @Override
    public void open(OpenContext openContext) {
        scoreIndex = plan.features().size();
        List<String> names = monitor.names();
        psi = new double[names.size()];
        java.util.Arrays.fill(psi, Double.NaN);
        samples = new long[names.size()];
        alerts = new Counter[names.size()];
        MetricGroup drift = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup()).addGroup(DRIFT_GROUP);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            MetricGroup feature = drift.addGroup(FEATURE_GROUP, names.get(i));
            feature.<Double, Gauge<Double>>gauge(PSI, () -> psi[index]);
            feature.<Long, Gauge<Long>>gauge(SAMPLES, () -> samples[index]);
            alerts[i] = feature.counter(ALERTS);
        }
    }

    @Override
    public void processElement(DriftSample sample, Context ctx, Collector<DriftAlert> out) {
        if (sample.score) {
            record(scoreIndex, monitor.add(scoreIndex, sample.eventTime, sample.values[0]), out);
        } else {
            for (int i = 0; i < sample.values.length && i < scoreIndex; i++) {
                record(i, monitor.add(i, sample.eventTime, sample.values[i]), out);
            }
        }
    }

    private void record(int index, DriftMonitor.Reading reading, Collector<DriftAlert> out) {
        if (reading == null) {
            return;
        }
        psi[index] = reading.psi(); // the metrics thread may read these a moment late: fine for a gauge
        samples[index] = reading.samples();
        if (reading.alert()) {
            alerts[index].inc();
            out.collect(alert(reading));
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
