package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint of a local run, scraped over HTTP like Prometheus does: the counters account for every
 * input record (records in = scored + dead letters + late), dead letters carry their reason as a label, and the
 * latency histograms, watermark lag and checkpoint metrics are there with plausible values.
 */
class MetricsEndpointITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 2_000;

    @Test
    void countersAccountForEveryRecordAndLatencyIsExported() throws Exception {
        PipelineSpec spec = spec("json");
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
            }
            MetricsScraper scraper = new MetricsScraper(runtime.metricsUrl());
            int total = input.records().size();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<MetricSample> samples = scraper.scrape();
                assertThat(value(samples, "streamscore_records_in_total", source("transactions"))).isEqualTo(total);
                assertThat(value(samples, "streamscore_scored_total", any())).isEqualTo(input.expectedScoredIds().size());
                assertThat(value(samples, "streamscore_late_events_total", source("transactions")))
                        .isEqualTo(input.expectedLateIds().size());
                assertThat(value(samples, "streamscore_dead_letters_total", source("transactions")))
                        .isEqualTo(input.malformed().size());
                assertThat(value(samples, "streamscore_checkpoints_completed", any())).isPositive();
            });

            List<MetricSample> samples = scraper.scrape();
            assertThat(byReason(samples)).isEqualTo(input.malformed().stream().collect(Collectors.groupingBy(
                    record -> record.malformedReason().code(), Collectors.counting())));
            double scored = input.expectedScoredIds().size();
            assertThat(value(samples, "streamscore_end_to_end_latency_ms_count", s -> s.label("since").equals("ingest_time")))
                    .isEqualTo(scored);
            assertThat(value(samples, "streamscore_end_to_end_latency_ms_bucket",
                    s -> s.label("since").equals("event_time") && s.label("le").equals("+Inf"))).isEqualTo(scored);
            assertThat(value(samples, "streamscore_watermark_lag_ms", source("transactions"))).isPositive();
            assertThat(value(samples, "streamscore_checkpoint_duration_ms", any())).isNotNegative();
            assertThat(samples).extracting(MetricSample::name).contains("streamscore_checkpoint_size_bytes");
        }
    }

    private static Map<String, Long> byReason(List<MetricSample> samples) {
        return samples.stream().filter(s -> s.name().equals("streamscore_dead_letters_by_reason_total") && s.value() > 0)
                .collect(Collectors.toMap(s -> s.label("reason"), s -> (long) s.value()));
    }

    static Predicate<MetricSample> any() {
        return s -> true;
    }

    static Predicate<MetricSample> source(String name) {
        return s -> s.label("source").equals(name);
    }

    /** The sum of the matching series (one series per name and labels: subtasks are already added up). */
    static double value(List<MetricSample> samples, String name, Predicate<MetricSample> filter) {
        List<MetricSample> matching = samples.stream().filter(s -> s.name().equals(name)).filter(filter).toList();
        assertThat(matching).as("samples of %s", name).isNotEmpty();
        return matching.stream().mapToDouble(MetricSample::value).sum();
    }
}
