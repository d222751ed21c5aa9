package io.streamscore.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.event.EventFixtures;
import io.streamscore.event.EventSchema;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.features.PlanFixtures;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertRuleTest {
    private static final EventSchema CLICK = EventFixtures.builtIn("click");
    private static final String CLICK_SECTIONS = """
            features:
              - name: clicks_1m
                aggregation: count
                window: 1m
            alerts:
              - name: bot_suspect
                when: 'clicks_1m > 50'
              - name: checkout_burst
                when: 'eq(action, "checkout") && clicks_1m > 5'
                cooldown: 10s
            """;
    private static final PipelineSpec CLICKS = PlanFixtures.spec("clicks", "click", CLICK_SECTIONS);

    @Test
    void ruleFiresOnlyAboveItsThresholdReadingTheFeatureColumn() {
        AlertRule bot = AlertPlanCompiler.compile(CLICKS).rules().get(0);

        assertThat(bot.test(click("view", 51))).isTrue();
        assertThat(bot.test(click("view", 50))).isFalse();
        assertThat(bot.test(click("view", Double.NaN))).isFalse();
    }

    @Test
    void ruleReadsEventFieldsWithMissingStringsAsNotMatching() {
        AlertRule checkout = AlertPlanCompiler.compile(CLICKS).rules().get(1);

        assertThat(checkout.test(click("checkout", 6))).isTrue();
        assertThat(checkout.test(click("view", 6))).isFalse();
        assertThat(checkout.test(click(null, 6))).isFalse();
        assertThat(checkout.condition().failures()).isZero();
    }

    @Test
    void cooldownDefaultsToOneMinute() {
        AlertPlan plan = AlertPlanCompiler.compile(CLICKS);

        assertThat(plan.rules()).extracting(AlertRule::cooldown)
                .containsExactly(Duration.ofMinutes(1), Duration.ofSeconds(10));
        assertThat(plan.rules().get(1).cooldownMillis()).isEqualTo(10_000);
    }

    @Test
    void eventOfAnotherSourceNeverMatches() {
        AlertRule bot = AlertPlanCompiler.compile(CLICKS).rules().get(0);
        Event event = click("view", 100);
        event.source = "payments";

        assertThat(bot.test(event)).isFalse();
    }

    @Test
    void deserializedRuleCompilesAgainAndMatchesTheSame() {
        AlertRule copy = PlanFixtures.roundTrip(AlertPlanCompiler.compile(CLICKS).rules().get(0));

        assertThat(copy.name()).isEqualTo("bot_suspect");
        assertThat(copy.test(click("view", 51))).isTrue();
        assertThat(copy.test(click("view", 3))).isFalse();
    }

    @Test
    void rulesThatReadTheScoreRunAfterScoringAndReadItAfterTheFeatureColumns() {
        PipelineSpec scored = PlanFixtures.spec("clicks", "click", CLICK_SECTIONS + """
                  - name: risky_checkout
                    when: 'eq(action, "checkout") && score >= 0.8'
                model:
                  registry: models
                  name: bots
                  threshold: 0.5
                """);
        AlertPlan plan = AlertPlanCompiler.compile(scored);

        assertThat(plan.beforeScoring().rules()).extracting(AlertRule::name)
                .containsExactly("bot_suspect", "checkout_burst");
        assertThat(plan.afterScoring().rules()).extracting(AlertRule::name).containsExactly("risky_checkout");
        AlertRule risky = PlanFixtures.roundTrip(plan.afterScoring().rules().get(0));
        assertThat(risky.scoreSlot()).isEqualTo(FeaturePlanCompiler.compile(scored).width());
        Event checkout = click("checkout", 1);
        assertThat(risky.test("clicks", checkout.numbers, checkout.strings, new double[] {1, 0.8})).isTrue();
        assertThat(risky.test("clicks", checkout.numbers, checkout.strings, new double[] {1, 0.79})).isFalse();
        assertThat(risky.test("clicks", checkout.numbers, checkout.strings, new double[] {1, Double.NaN})).isFalse();
        assertThat(plan.rules().get(0).readsScore()).isFalse();
        assertThat(AlertPlanCompiler.compile(CLICKS).afterScoring().isEmpty()).isTrue();
    }

    /** A click event of source {@code clicks} whose {@code clicks_1m} column is {@code clicks}. */
    private static Event click(String action, double clicks) {
        FeaturePlan plan = FeaturePlanCompiler.compile(CLICKS);
        Event event = new Event(CLICK.name(), "clicks", "c-1", "user-1", EventFixtures.T0, EventFixtures.INGEST_TIME,
                CLICK.newNumbers(), CLICK.newStrings());
        event.strings[CLICK.require("action").slot()] = action;
        event.features = new double[plan.width()];
        event.features[plan.columns().indexOf("clicks_1m")] = clicks;
        return event;
    }
}
