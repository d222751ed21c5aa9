package io.streamscore.flink.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.alerts.AlertRule;
import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.flink.scoring.ScoreRecord;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScoreAlertFunctionTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final long MINUTE = 60_000;
    private static final EventSchema PAYMENT = EventSchema.builtIn("transaction");
    /** Two feature columns; the score is read from the third. */
    private static final ExpressionScope SCOPE = ExpressionScope.of(PAYMENT).withColumns(List.of("tx_1h", "avg_30d"));

    private KeyedOneInputStreamOperatorTestHarness<String, ScoreRecord, ScoreRecord> harness;

    @BeforeEach
    void open() throws Exception {
        AlertRule risky = AlertRule.overScore("risky", "payments", "score >= 0.9 && amount > 100",
                Duration.ofMinutes(5), SCOPE, 2);
        AlertRule busy = AlertRule.overScore("busy_and_risky", "payments", "score > 0.5 && tx_1h >= 10",
                Duration.ZERO, SCOPE, 2);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new ScoreAlertFunction(new AlertPlan(List.of(risky, busy)), 0)), s -> s.key, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void scored(String user, long time, double amount, double txLastHour, double score) throws Exception {
        scored(user, time, amount, txLastHour, score, null);
    }

    /** A score decided by {@code version} of model "fraud" (null: no model, as without a model section). */
    private void scored(String user, long time, double amount, double txLastHour, double score, String version)
            throws Exception {
        Event payment = new Event("transaction", "payments", user + "@" + time, user, time, time,
                PAYMENT.newNumbers(), PAYMENT.newStrings());
        payment.numbers[PAYMENT.require("amount").slot()] = amount;
        payment.features = new double[] {txLastHour, 80};
        ScoreRecord result = ScoreRecord.of(payment);
        result.score = score;
        result.modelName = version == null ? null : "fraud";
        result.modelVersion = version;
        harness.processElement(new StreamRecord<>(result, time));
    }

    private List<AlertRecord> alerts() {
        var alerts = harness.getSideOutput(RuleAlertFunction.ALERTS);
        return alerts == null ? List.of() : alerts.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void raisesAnAlertWithTheScoreWhenTheScoreAndTheEventsFieldsMeetTheCondition() throws Exception {
        scored("u1", T0, 500, 1, 0.95);
        scored("u2", T0, 50, 1, 0.95);
        scored("u3", T0, 500, 1, 0.89);
        scored("u4", T0, 500, 1, Double.NaN);

        assertThat(alerts()).hasSize(1);
        AlertRecord alert = alerts().get(0);
        assertThat(alert.alertId).isEqualTo("risky|u1|u1@" + T0);
        assertThat(alert.score).isEqualTo(0.95);
        assertThat(alert.features).containsExactly(1, 80);
        assertThat(harness.extractOutputValues()).hasSize(4);
    }

    @Test
    void alertsNameTheModelVersionThatDecidedTheEventTheCanarysForItsKeys() throws Exception {
        scored("champion-key", T0, 500, 1, 0.95, "3");
        scored("canary-key", T0, 500, 1, 0.96, "4"); // ModelScoringFunction names the canary for its keys

        assertThat(alerts()).extracting(a -> a.key + ":" + a.model + " v" + a.modelVersion)
                .containsExactly("champion-key:fraud v3", "canary-key:fraud v4");
    }

    @Test
    void eachRuleCoolsDownOnItsOwnPerKey() throws Exception {
        scored("u1", T0, 500, 12, 0.95);
        scored("u1", T0 + MINUTE, 500, 12, 0.97);
        scored("u1", T0 + 5 * MINUTE, 500, 12, 0.6);
        scored("u1", T0 + 5 * MINUTE + 1, 500, 12, 0.91);

        assertThat(alerts()).extracting(a -> a.rule + "@" + (a.eventTime - T0)).containsExactly(
                "risky@0", "busy_and_risky@0", "busy_and_risky@60000", "busy_and_risky@300000",
                "risky@300001", "busy_and_risky@300001");
    }

    @Test
    void refusesRulesThatDoNotReadTheScore() {
        AlertRule plain = AlertRule.of("plain", "payments", "amount > 100", Duration.ZERO, SCOPE);

        assertThatThrownBy(() -> new ScoreAlertFunction(new AlertPlan(List.of(plain)), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read the score");
    }
}
