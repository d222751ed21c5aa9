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
import io.streamscore.cli.testing.DriftModelFixture;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus endpoint of a local run, scraped over HTTP like Prometheus does: the counters account for every
 * input record (records in = scored + dead letters + late), dead letters carry their reason as a label, and the
 * latency histograms, watermark lag and checkpoint metrics are there with plausible values; and every metric that
 * deploy/ (Prometheus rules, Grafana dashboard) names is served.
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
                assertThat(value(samples, "streamscore_scored_total", any()))
                        .isEqualTo(input.expectedScoredIds().size());
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
            assertThat(value(samples, "streamscore_end_to_end_latency_ms_count",
                    s -> s.label("since").equals("ingest_time")))
                    .isEqualTo(scored);
            assertThat(value(samples, "streamscore_end_to_end_latency_ms_bucket",
                    s -> s.label("since").equals("event_time") && s.label("le").equals("+Inf"))).isEqualTo(scored);
            assertThat(value(samples, "streamscore_watermark_lag_ms", source("transactions"))).isPositive();
            assertThat(value(samples, "streamscore_checkpoint_duration_ms", any())).isNotNegative();
            assertThat(samples).extracting(MetricSample::name).contains("streamscore_checkpoint_size_bytes");
            assertThat(value(samples, "streamscore_job_restarts", any())).as("restarts of a healthy run").isZero();
        }
    }

    /**
     * deploy/ (the Prometheus rules and the Grafana dashboard) must only name metrics the endpoint serves: a pipeline
     * with every stage (features, alerts, a model, drift monitoring) is scraped and each referenced name looked up.
     */
    @Test
    void deployFilesReferenceOnlyMetricsTheEndpointServes(@TempDir Path dir) throws Exception {
        Set<String> referenced = referencedMetrics(Path.of("..", "deploy"));
        assertThat(referenced).as("metric names in deploy/").hasSizeGreaterThan(10);
        GeneratorConfig.Builder config = GeneratorConfig.builder().startTime(T0).eventsPerSecond(50).clean();
        DriftModelFixture.register(dir.resolve("models"),
                GeneratedInput.transactions(config.seed(11).build(), 5_000).records());
        GeneratedInput input = GeneratedInput.transactions(config.seed(7).malformedShare(0.02).build(), 1_000);

        try (LocalRuntime runtime = LocalRuntime.start(everyStage(dir.resolve("models")),
                LocalRuntime.Options.defaults())) {
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            MetricsScraper scraper = new MetricsScraper(runtime.metricsUrl());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Set<String> served = scraper.scrape().stream().map(MetricSample::name).collect(Collectors.toSet());
                assertThat(served).as("served metrics").containsAll(referenced);
            });
        }
    }

    /** Every {@code streamscore_...} name in the files under {@code dir}, as exposed (with _total, _bucket...). */
    static Set<String> referencedMetrics(Path dir) throws java.io.IOException {
        Pattern metric = Pattern.compile("\\bstreamscore_[a-z0-9_]+");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".json"))
                    .toList()) {
                Matcher matcher = metric.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group());
                }
            }
        }
        return names;
    }

    private static PipelineSpec everyStage(Path registry) {
        return SpecLoader.parse("""
                name: metrics-it
                kafka:
                  bootstrap: embedded
                sources:
                  transactions:
                    topic: transactions
                    schema: transaction
                    key: user_id
                    event_time: event_time
                    max_out_of_orderness: 5s
                    idleness: 5s
                features:
                  - name: user_tx_1m
                    aggregation: count
                    window: 1m
                alerts:
                  - name: busy_user
                    when: 'user_tx_1m >= 3'
                outputs:
                  scores_topic: scores
                  alerts_topic: alerts
                  late_topic: late-events
                  dead_letter_topic: dead-letters
                  guarantee: at_least_once
                  checkpoint_interval: 1s
                model:
                  registry: %s
                  name: %s
                  threshold: 0.5
                monitoring:
                  drift:
                    window: 1m
                    every: 10s
                    min_samples: 50
                runtime:
                  parallelism: 2
                  state_backend: hashmap
                """.formatted(registry, DriftModelFixture.MODEL), Path.of("."));
    }

    private static Map<String, Long> byReason(List<MetricSample> samples) {
        return samples.stream()
                .filter(s -> s.name().equals("streamscore_dead_letters_by_reason_total") && s.value() > 0)
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
