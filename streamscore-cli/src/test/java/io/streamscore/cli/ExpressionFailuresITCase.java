package io.streamscore.cli;

import static io.streamscore.cli.MetricsEndpointITCase.any;
import static io.streamscore.cli.MetricsEndpointITCase.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An expression that throws for an event is answered NaN or false and the job goes on (docs/spec.md, Expressions):
 * each such evaluation is counted per expression, so a filter, derived feature or alert that silently never holds
 * shows on the metrics endpoint. Here every event makes three expressions throw (the ids are not numbers) and one
 * derived feature evaluate normally.
 */
class ExpressionFailuresITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 400;
    private static final String METRIC = "streamscore_expression_failures";

    @Test
    void everyFailedEvaluationIsCountedUnderItsExpression() throws Exception {
        // Malformed and too-late records never reach an expression: only the events that are scored count.
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);

        try (LocalRuntime runtime = LocalRuntime.start(spec(), LocalRuntime.Options.defaults())) {
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            MetricsScraper scraper = new MetricsScraper(runtime.metricsUrl());
            int events = input.expectedScoredIds().size();
            assertThat(events).isPositive();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<MetricSample> samples = scraper.scrape();
                assertThat(value(samples, "streamscore_scored_total", any())).isEqualTo(events);
                assertThat(failures(samples, "features.numbered_cards_1m.filter")).isEqualTo(events);
                assertThat(failures(samples, "features.user_number.expression")).isEqualTo(events);
                assertThat(failures(samples, "alerts.numbered_merchant.when")).isEqualTo(events);
            });
            List<MetricSample> samples = scraper.scrape();
            assertThat(failures(samples, "features.double_amount.expression")).isZero();
            assertThat(value(samples, "streamscore_alerts_total", any())).isZero();
        }
    }

    private static double failures(List<MetricSample> samples, String expression) {
        return value(samples, METRIC, s -> s.label("expression").equals(expression));
    }

    /** The test pipeline's source and outputs, with three expressions that throw and one that does not. */
    private static PipelineSpec spec() {
        return SpecLoader.parse(specYaml("json") + """
                features:
                  - name: numbered_cards_1m
                    key: card_id
                    aggregation: count
                    window: 1m
                    filter: 'Integer.parseInt(card_id) > 0'
                  - name: user_number
                    expression: 'Integer.parseInt(user_id) * 1.0'
                  - name: double_amount
                    expression: 'amount * 2'
                alerts:
                  - name: numbered_merchant
                    when: 'Integer.parseInt(merchant_id) > 0'
                """, Path.of("."));
    }
}
