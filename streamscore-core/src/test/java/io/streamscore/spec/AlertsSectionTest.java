package io.streamscore.spec;

import static io.streamscore.spec.FeaturesSectionTest.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsSectionTest {
    private static final Map<String, Object> COUNT_1M = feature("name", "tx_1m", "aggregation", "count",
            "window", "1m");

    @Test
    void alertTakesTheOnlySourceAndAOneMinuteCooldown() {
        PipelineSpec spec = draft(feature("name", "burst", "when", "tx_1m > 10")).load();

        assertThat(spec.alerts()).containsExactly(
                new AlertSpec("burst", "transactions", "tx_1m > 10", Duration.ofMinutes(1)));
    }

    @Test
    void cooldownIsReadAndBoundedToADay() {
        assertThat(draft(feature("name", "burst", "when", "tx_1m > 10", "cooldown", 0)).load().alerts().get(0)
                .cooldown()).isZero();
        SpecError error = draft(feature("name", "burst", "when", "tx_1m > 10", "cooldown", "2d")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].cooldown");
        assertThat(error.problem()).isEqualTo("'2d' is longer than the maximum 1d");
        assertThat(error.fix()).isEqualTo("write a duration from 0s to 1d (default 1m)");
    }

    @Test
    void conditionIsRequired() {
        SpecError error = draft(feature("name", "burst")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].when");
        assertThat(error.problem()).isEqualTo("required key `when` is missing");
        assertThat(error.fix()).startsWith("add `when: '<condition>'`");
    }

    @Test
    void conditionNamingAnUnknownFeatureSuggestsTheClosest() {
        SpecError error = draft(feature("name", "burst", "when", "tx_1h > 10")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].when");
        assertThat(error.problem()).isEqualTo("'tx_1h > 10': unknown name `tx_1h` at column 1");
        assertThat(error.fix()).startsWith("did you mean `tx_1m`?");
    }

    @Test
    void aMatchesPatternRe2CannotRunFailsValidationWithItsPositionAndWhy() {
        SpecError error = draft(feature("name", "burst", "when", "merchant_id.matches(\"(?=m)m.*\")")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].when");
        assertThat(error.problem()).isEqualTo("'merchant_id.matches(\"(?=m)m.*\")': the pattern \"(?=m)m.*\" of "
                + "`matches` is not valid RE2 syntax (invalid or unsupported Perl syntax: `(?=`) at column 21");
        assertThat(error.fix()).contains("lookahead or lookbehind", "time linear in the text");
    }

    @Test
    void conditionMustBeTrueOrFalse() {
        SpecError error = draft(feature("name", "burst", "when", "tx_1m * 2")).onlyError();

        assertThat(error.problem()).isEqualTo("'tx_1m * 2': the expression is a number, but a condition (true "
                + "or false) is needed here");
    }

    @Test
    void wholeNumberConditionIsCalledANumberNotAJavaType() {
        SpecError error = draft(feature("name", "burst", "when", 5)).onlyError();

        assertThat(error.problem()).isEqualTo("'5': the expression is a number, but a condition (true or false) is "
                + "needed here");
    }

    @Test
    void conditionCannotUseAFeatureOfAnotherSource() {
        Map<String, Object> clicks = feature("name", "clicks_1m", "source", "clicks", "aggregation", "count",
                "window", "1m");
        SpecError error = FeaturesSectionTest.withClicks().set("features", List.of(clicks))
                .set("alerts", List.of(feature("name", "burst", "source", "transactions", "when", "clicks_1m > 5")))
                .onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].when");
        assertThat(error.problem()).endsWith("uses `clicks_1m`, which is a feature of source `clicks`, computed only "
                + "for its events");
        assertThat(error.fix()).isEqualTo("use features of source `transactions` here, or give this alert rule "
                + "`source: clicks`");
    }

    @Test
    void alertNameUsedTwiceIsRefused() {
        SpecError error = draft(feature("name", "burst", "when", "tx_1m > 10"),
                feature("name", "burst", "when", "tx_1m > 20")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[1].name");
        assertThat(error.problem()).isEqualTo("alert name `burst` is used twice");
    }

    @Test
    void theDriftMonitorsRuleNameIsTaken() {
        SpecError error = draft(feature("name", "drift", "when", "tx_1m > 10")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].name");
        assertThat(error.problem()).isEqualTo("`drift` is the rule name of the drift monitor's alerts, on the same "
                + "topic");
    }

    @Test
    void unknownKeySuggestsTheClosestOne() {
        SpecError error = draft(feature("name", "burst", "when", "tx_1m > 10", "cooldwon", "1m")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].cooldwon");
        assertThat(error.fix()).startsWith("did you mean `cooldown`?");
    }

    @Test
    void alertsWrittenAsAMapAskForAList() {
        SpecError error = SpecDraft.minimal().set("alerts", Map.of("burst", "tx > 1")).onlyError();

        assertThat(error.path()).isEqualTo("alerts");
        assertThat(error.problem()).isEqualTo("expected a list of alert rules, found a map");
    }

    @Test
    void conditionMayUseTheModelsScoreWhenThePipelineHasAModel() {
        PipelineSpec spec = draft(feature("name", "risky", "when", "score >= 0.9 && amount > 100 && tx_1m > 2"))
                .set("model", Map.of("registry", "models", "name", "fraud", "threshold", 0.7)).load();

        assertThat(spec.alerts()).extracting(AlertSpec::when)
                .containsExactly("score >= 0.9 && amount > 100 && tx_1m > 2");
    }

    @Test
    void conditionUsingTheScoreWithoutAModelSaysToAddOne() {
        SpecError error = draft(feature("name", "risky", "when", "score >= 0.9")).onlyError();

        assertThat(error.path()).isEqualTo("alerts[0].when");
        assertThat(error.problem()).isEqualTo("'score >= 0.9' uses `score`, which is the model's score, and this "
                + "pipeline has no `model` section");
        assertThat(error.fix()).isEqualTo("add a `model` section, or leave `score` out of the condition");
    }

    @SafeVarargs
    private static SpecDraft draft(Map<String, Object>... alerts) {
        return SpecDraft.minimal().set("features", List.of(COUNT_1M)).set("alerts", List.of(alerts));
    }
}
