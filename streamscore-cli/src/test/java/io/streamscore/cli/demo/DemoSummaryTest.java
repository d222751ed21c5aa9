package io.streamscore.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The demo summary reports only what the scenario has: model figures with a model, join figures with a join. */
class DemoSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DemoSummary summary(ModelQuality quality, FeatureSyncFigures store) {
        OutputMonitor.Snapshot outputs = new OutputMonitor.Snapshot(90, 3, 5, 5, 1_200, 2_100, quality);
        return new DemoSummary("demo", 10, 100, outputs, 4, 5, 5, 0, 2_000, 3_000, 6_000, store);
    }

    private static FeatureSyncFigures store(boolean profileJoin) {
        return new FeatureSyncFigures(42, profileJoin, 7, 80, 10, "http://127.0.0.1:7070/v1/features/u-1", "u-1",
                200, "{}");
    }

    @Test
    void summaryWithoutAModelHasNoModelFigures() {
        ObjectNode json = summary(ModelQuality.NONE, null).toJson(JSON);

        assertThat(json.has("events_in")).isTrue();
        assertThat(json.has("model_version")).isFalse();
        assertThat(json.has("precision")).isFalse();
        assertThat(json.has("true_positives")).isFalse();
        assertThat(json.has("false_negatives")).isFalse();
    }

    @Test
    void summaryWithAModelHasItsDecisionsAgainstTheGroundTruth() {
        ObjectNode json = summary(new ModelQuality("fraud:1", 3, 1, 2, 84), null).toJson(JSON);

        assertThat(json.path("model_version").asText()).isEqualTo("fraud:1");
        assertThat(json.path("precision").asDouble()).isEqualTo(0.75);
        assertThat(json.path("true_positives").asLong()).isEqualTo(3);
        assertThat(json.path("false_negatives").asLong()).isEqualTo(2);
    }

    @Test
    void featureStoreWithoutAProfileJoinLeavesTheJoinFiguresOut() {
        FeatureSyncFigures figures = store(false);
        ObjectNode json = summary(ModelQuality.NONE, figures).toJson(JSON);

        assertThat(figures.statusLine()).isEqualTo("Feature store: 42 entities");
        assertThat(json.path("entities_in_store").asLong()).isEqualTo(42);
        assertThat(json.has("profile_versions")).isFalse();
        assertThat(json.has("enriched")).isFalse();
        assertThat(json.path("serving_check").path("status").asInt()).isEqualTo(200);
    }

    @Test
    void featureStoreWithAProfileJoinReportsIt() {
        FeatureSyncFigures figures = store(true);
        ObjectNode json = summary(ModelQuality.NONE, figures).toJson(JSON);

        assertThat(figures.statusLine())
                .isEqualTo("Feature store: 42 entities | profile versions 7 | enriched 80 (without profile 10)");
        assertThat(json.path("profile_versions").asLong()).isEqualTo(7);
        assertThat(json.path("enriched").asLong()).isEqualTo(80);
    }
}
