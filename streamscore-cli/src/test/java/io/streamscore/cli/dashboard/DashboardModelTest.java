package io.streamscore.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over a failover: the job's tasks come back with their counters at zero, and a scrape taken while
 * they are redeployed lacks their series. Scrapes are the Prometheus text the reporter serves, read by the parser.
 */
class DashboardModelTest {
    private final DashboardModel model = new DashboardModel(new MetricsScraper("http://127.0.0.1:1/metrics"), null);

    @Test
    void totalsAndRatesContinueOverARestartOfTheTasks() {
        scrape(0, scores(1_000, 990, 100, 7));
        scrape(1_000, scores(2_000, 1_990, 200, 7));
        scrape(2_000, """
                streamscore_model_canary_share{model="fraud"} NaN
                """);
        scrape(3_000, scores(300, 280, 20, 0));
        scrape(4_000, scores(1_300, 1_280, 120, 1));

        Map<String, Object> totals = totals();
        assertThat(totals.get("events_in")).isEqualTo(3_300.0);
        assertThat(totals.get("scored")).isEqualTo(3_270.0);
        assertThat(totals.get("dead_letters")).isEqualTo(8.0);
        assertThat(series("events_in")).containsExactly(1_000.0, 0.0, 300.0, 1_000.0);
        assertThat(series("scored")).containsExactly(1_000.0, 0.0, 280.0, 1_000.0);
        assertThat((long[]) ((Map<?, ?>) snapshot().get("score_histogram")).get("counts"))
                .as("scores under 0.5, from the old tasks and the new").containsExactly(320);
    }

    @Test
    void aCounterThatOnlyGrowsIsShownAsScrapedAndGaugesPassUnchanged() {
        scrape(0, scores(500, 400, 50, 2));
        scrape(1_000, scores(900, 800, 90, 3) + "streamscore_model_canary_share{model=\"fraud\"} 0.1\n");

        assertThat(totals().get("events_in")).isEqualTo(900.0);
        assertThat(totals().get("dead_letters")).isEqualTo(3.0);
        assertThat(series("events_in")).containsExactly(400.0);
        assertThat(snapshot().get("canary_share")).isEqualTo(Map.of("fraud", 0.1));
    }

    /** One subtask's counters and score histogram (buckets 0.5 and +Inf): {@code low} scores under 0.5. */
    private static String scores(long in, long scored, long low, long deadLetters) {
        return """
                streamscore_records_in_total{source="payments",subtask="0"} %d
                streamscore_scored_total{subtask="0"} %d
                streamscore_dead_letters_total{subtask="0"} %d
                streamscore_model_score_bucket{model="fraud",version="1",le="0.5"} %d
                streamscore_model_score_bucket{model="fraud",version="1",le="+Inf"} %d
                streamscore_model_score_count{model="fraud",version="1"} %d
                """.formatted(in, scored, deadLetters, low, scored, scored);
    }

    private void scrape(long atMillis, String text) {
        model.update(PrometheusTextParser.parse(text), atMillis);
    }

    private Map<String, Object> snapshot() {
        return model.snapshot();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> totals() {
        return (Map<String, Object>) snapshot().get("totals");
    }

    @SuppressWarnings("unchecked")
    private List<Double> series(String name) {
        return ((Map<String, List<Double>>) snapshot().get("series")).get(name);
    }

}
