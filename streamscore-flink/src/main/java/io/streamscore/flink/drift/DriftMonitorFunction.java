package io.streamscore.flink.drift;

import io.streamscore.drift.DriftMonitor;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The drift monitor of a pipeline, run with parallelism 1 so that it sees every event: counts each sample into
 * sliding event-time windows ({@link DriftMonitor}) and, each time the watermark passes a multiple of
 * {@code every}, computes the PSI of every model input and of the score against the model's baselines. It
 * publishes them as gauges ({@code streamscore_drift_psi{feature}}, NaN below {@code min_samples}) and emits a
 * {@link DriftAlert} when a PSI passes the threshold (once per episode).
 *
 * <p>The windows are not checkpointed: after a restore the monitor starts with empty windows and says nothing
 * until {@code min_samples} have arrived again. Drift is a statistic over minutes, not a record that must survive.
 */
public final class DriftMonitorFunction extends ProcessFunction<DriftSample, DriftAlert> {
    public static final String DRIFT_GROUP = "drift";
    public static final String FEATURE_GROUP = "feature";
    public static final String PSI = "psi";
    public static final String SAMPLES = "samples";
    public static final String ALERTS = "alerts";

    private final DriftPlan plan;
    private transient DriftMonitor monitor;
    private transient int scoreIndex;
    private transient long everyMillis;
    private transient long nextEvaluation;
    private transient volatile double[] psi;
    private transient volatile long[] samples;
    private transient Counter[] alerts;

    public DriftMonitorFunction(DriftPlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext openContext) {
        monitor = new DriftMonitor(plan.settings(), plan.baselines());
        scoreIndex = plan.features().size();
        everyMillis = plan.settings().every().toMillis();
        nextEvaluation = Long.MIN_VALUE;
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
            monitor.add(scoreIndex, sample.eventTime, sample.values[0]);
        } else {
            for (int i = 0; i < sample.values.length && i < scoreIndex; i++) {
                monitor.add(i, sample.eventTime, sample.values[i]);
            }
        }
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        if (nextEvaluation == Long.MIN_VALUE) {
            nextEvaluation = (Math.floorDiv(watermark, everyMillis) + 1) * everyMillis;
        }
        if (watermark >= nextEvaluation) {
            evaluate(watermark, out);
            nextEvaluation = (Math.floorDiv(watermark, everyMillis) + 1) * everyMillis;
        }
    }

    private void evaluate(long watermark, Collector<DriftAlert> out) {
        List<DriftMonitor.Reading> readings = monitor.evaluate(watermark);
        double[] newPsi = new double[readings.size()];
        long[] newSamples = new long[readings.size()];
        for (int i = 0; i < readings.size(); i++) {
            DriftMonitor.Reading reading = readings.get(i);
            newPsi[i] = reading.psi();
            newSamples[i] = reading.samples();
            if (reading.alert()) {
                alerts[i].inc();
                out.collect(alert(reading));
            }
        }
        psi = newPsi;
        samples = newSamples;
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
