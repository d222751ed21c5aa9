package io.streamscore.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.junit.jupiter.api.Test;

/** How the subtasks' gauges of one series are combined: largest, sum, or share of the sums. */
class ExportedMetricsTest {
    private final ExportedMetrics metrics = new ExportedMetrics();

    @Test
    void plainGaugesReportTheLargestSubtask() {
        MetricIdentity lag = new MetricIdentity("streamscore_watermark_lag_ms", Map.of("source", "payments"));
        metrics.add(lag, (Gauge<Long>) () -> 300L);
        metrics.add(lag, (Gauge<Long>) () -> 1200L);
        assertThat(value("streamscore_watermark_lag_ms")).isEqualTo(1200);
    }

    @Test
    void summedGaugesAddTheSubtasksUp() {
        MetricIdentity fallbacks = new MetricIdentity("streamscore_remote_fallbacks", Map.of());
        metrics.add(fallbacks, (SummedGauge<Long>) () -> 7L);
        metrics.add(fallbacks, (SummedGauge<Long>) () -> 5L);
        metrics.add(fallbacks, (SummedGauge<Long>) () -> null); // a subtask with nothing yet does not poison the sum
        assertThat(value("streamscore_remote_fallbacks")).isEqualTo(12);
    }

    @Test
    void shareGaugesReportTheShareOfTheSumsNotOfOneSubtask() {
        MetricIdentity share = new MetricIdentity("streamscore_model_canary_share", Map.of("model", "fraud"));
        ShareGauge busy = new ShareGauge();
        ShareGauge quiet = new ShareGauge();
        metrics.add(share, busy);
        metrics.add(share, quiet);
        assertThat(value("streamscore_model_canary_share")).as("no events yet").isNaN();
        for (int i = 0; i < 90; i++) {
            busy.count(i % 10 == 0); // 9 of 90
        }
        quiet.count(true); // 1 of 10: alone it would say 0.1 ...
        for (int i = 0; i < 9; i++) {
            quiet.count(false);
        }
        assertThat(value("streamscore_model_canary_share")).isEqualTo(0.1); // ... and together 10 of 100
        busy.count(true);
        busy.count(true);
        quiet.reset();
        assertThat(value("streamscore_model_canary_share")).isCloseTo(11.0 / 92, within(1e-12));
    }

    private double value(String name) {
        for (MetricSnapshot snapshot : metrics.collect()) {
            if (snapshot.getMetadata().getPrometheusName().equals(name)) {
                return ((GaugeSnapshot) snapshot).getDataPoints().get(0).getValue();
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
