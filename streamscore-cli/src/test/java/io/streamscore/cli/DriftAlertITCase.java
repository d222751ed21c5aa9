package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.DriftModelFixture;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift monitoring end to end: payments whose amounts triple 10 minutes into the run (event time) raise a drift
 * alert for {@code amount} on the alerts topic within {@link #ALERT_WITHIN} of event time after the shift, and the
 * PSI gauge shows it; the same run without the shift raises none. Baselines come from a separate "training" run of
 * the generator (another seed), registered with the model. Seen offline with the same data: PSI of amount about
 * 0.005 while stationary, 0.27 at the first check a minute after the shift, 0.9 once the window is all shifted. In
 * the job: 0.225 over 6,087 values at the check a minute after the shift, the same in every run since the monitor
 * counts samples once the watermark passes them (counted on arrival: 0.229 over 3,235 in one CI run, 0.232 over
 * 4,082 in another, and once a second alert).
 */
class DriftAlertITCase extends PipelineTestBase {
    private static final int RATE = 50;
    private static final Duration RUN = Duration.ofMinutes(16);
    private static final long SHIFT_AT = T0 + Duration.ofMinutes(10).toMillis();
    /** Window 2 min, checked every 10 s: the PSI of a tripled amount passes 0.2 after well under a minute of it. */
    private static final Duration ALERT_WITHIN = Duration.ofMinutes(2);

    @Test
    void shiftedAmountsRaiseADriftAlertWithinTwoMinutesOfEventTime(@TempDir Path dir) throws Exception {
        List<JsonNode> alerts = run(dir, 3.0);

        List<JsonNode> amountAlerts = alerts.stream().filter(a -> a.path("feature").asText().equals("amount")).toList();
        assertThat(amountAlerts).as("drift alerts for amount: %s", alerts).hasSize(1);
        JsonNode alert = amountAlerts.get(0);
        assertThat(alert.path("rule").asText()).isEqualTo("drift");
        assertThat(alert.path("model").asText()).as("as rule alerts name it")
                .isEqualTo(alert.path("model_name").asText()).isNotEmpty();
        assertThat(alert.path("model_version").isTextual()).as("a string, as in rule alerts: %s", alert).isTrue();
        assertThat(alert.path("model_version").asText()).isNotEmpty();
        assertThat(alert.path("psi").asDouble()).isGreaterThan(0.2);
        assertThat(alert.path("samples").asLong()).isGreaterThanOrEqualTo(500);
        long detectedAfter = alert.path("window_end").asLong() - SHIFT_AT;
        System.out.printf("drift alert for amount: PSI %.3f over %d values, window ending %d s after the shift%n",
                alert.path("psi").asDouble(), alert.path("samples").asLong(), detectedAfter / 1000);
        assertThat(detectedAfter).as("event time from the shift to the alert's window end")
                .isPositive().isLessThanOrEqualTo(ALERT_WITHIN.toMillis());
    }

    @Test
    void aStationaryRunRaisesNoDriftAlert(@TempDir Path dir) throws Exception {
        assertThat(run(dir, 1.0)).isEmpty();
    }

    /** Runs 16 minutes of payments (amounts times {@code shift} from minute 10); returns the drift alerts. */
    private static List<JsonNode> run(Path dir, double shift) throws Exception {
        // A broad population (50,000 users, mild skew), so that two minutes of payments are a fair sample of it: with
        // the default 10,000 users at Zipf 1.1 a few heavy users fill a window, and two seeds' populations alone
        // differ by a PSI of about 0.1.
        GeneratorConfig.Builder config = GeneratorConfig.builder().startTime(T0).eventsPerSecond(RATE).clean()
                .users(50_000).userZipfExponent(0.6);
        DriftModelFixture.register(dir.resolve("models"),
                GeneratedInput.transactions(config.seed(11).build(), 20_000).records());
        GeneratedInput input = GeneratedInput.transactions(config.seed(7).amountShift(shift, SHIFT_AT).build(),
                (int) (RUN.toSeconds() * RATE));
        try (LocalRuntime runtime = LocalRuntime.start(spec(dir.resolve("models")), LocalRuntime.Options.defaults())) {
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            String alertsTopic = runtime.spec().outputs().alertsTopic();
            try (TopicReader reader = new TopicReader(runtime.bootstrapServers(),
                    List.of(runtime.spec().outputs().scoresTopic(), alertsTopic))) {
                reader.readUntil(Map.of(runtime.spec().outputs().scoresTopic(), input.expectedScoredIds().size()),
                        Duration.ofSeconds(120));
                reader.readFor(Duration.ofSeconds(3));
                assertPsiGaugesPublished(runtime.metricsUrl(), shift);
                return reader.records(alertsTopic).stream().map(PipelineTestBase::json)
                        .filter(alert -> alert.path("rule").asText().equals("drift")).toList();
            }
        }
    }

    private static void assertPsiGaugesPublished(String metricsUrl, double shift) throws Exception {
        List<MetricSample> samples = new MetricsScraper(metricsUrl).scrape();
        MetricSample amount = samples.stream().filter(s -> s.name().equals("streamscore_drift_psi")
                && s.label("feature").equals("amount")).findFirst().orElseThrow();
        if (shift == 1.0) {
            assertThat(amount.value()).as("PSI of stationary amounts").isLessThan(0.1);
        } else {
            assertThat(amount.value()).as("PSI of shifted amounts").isGreaterThan(0.2);
        }
    }

    private static PipelineSpec spec(Path registry) {
        return SpecLoader.parse("""
                name: drift-it
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
                    window: 2m
                    every: 10s
                    threshold: 0.2
                    min_samples: 500
                runtime:
                  parallelism: 2
                  state_backend: hashmap
                """.formatted(registry, DriftModelFixture.MODEL), Path.of("."));
    }
}
