package io.streamscore.flink.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.alerts.AlertRule;
import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.expression.ExpressionScope;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertFunctionTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final long MINUTE = 60_000;
    private static final EventSchema CLICK = EventSchema.builtIn("click");

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;

    @BeforeEach
    void open() throws Exception {
        open(Duration.ofMinutes(1), 0);
    }

    private void open(Duration cooldown, long allowedLatenessMs) throws Exception {
        if (harness != null) {
            harness.close();
        }
        AlertRule bots = AlertRule.of("bot_suspect", "clicks", "clicks_1m > 50", cooldown,
                ExpressionScope.of(CLICK).withColumns(List.of("clicks_1m")));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new AlertFunction(new AlertPlan(List.of(bots)), allowedLatenessMs)), e -> e.key, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void click(String user, long time, double clicksLastMinute) throws Exception {
        Event event = new Event("click", "clicks", user + "@" + time, user, time, time,
                CLICK.newNumbers(), CLICK.newStrings());
        event.features = new double[] {clicksLastMinute};
        harness.processElement(new StreamRecord<>(event, time));
    }

    private List<AlertRecord> alerts() {
        var alerts = harness.getSideOutput(AlertFunction.ALERTS);
        return alerts == null ? List.of() : alerts.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void alertsOncePerKeyAndCooldownWhileTheRuleKeepsHolding() throws Exception {
        click("u1", T0, 50);
        click("u1", T0 + 1_000, 51);
        click("u1", T0 + 2_000, 60);
        click("u1", T0 + 1_000 + MINUTE - 1, 70);
        click("u1", T0 + 1_000 + MINUTE, 70);

        assertThat(alerts()).extracting(a -> a.eventTime).containsExactly(T0 + 1_000, T0 + 1_000 + MINUTE);
        assertThat(alerts().get(0).alertId).isEqualTo("bot_suspect|u1|u1@" + (T0 + 1_000));
        assertThat(alerts().get(0).features).containsExactly(51);
        assertThat(harness.extractOutputValues()).hasSize(5);
    }

    @Test
    void keysCoolDownIndependently() throws Exception {
        click("u1", T0, 51);
        click("u2", T0 + 10, 51);
        click("u1", T0 + 20, 51);

        assertThat(alerts()).extracting(a -> a.key).containsExactly("u1", "u2");
    }

    @Test
    void anOutOfOrderEventBeforeTheLastAlertRaisesNothing() throws Exception {
        click("u1", T0 + 5_000, 55);
        click("u1", T0, 52);

        assertThat(alerts()).hasSize(1);
    }

    @Test
    void stateIsClearedOnceTheCooldownHasPassedInEventTime() throws Exception {
        click("u1", T0, 51);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(T0 + MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();

        click("u1", T0 + MINUTE + 1, 51);
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void aZeroCooldownAlertsOnEveryMatchingEventOutOfOrderToo() throws Exception {
        open(Duration.ZERO, 0);
        click("u1", T0 + 5_000, 55);
        click("u1", T0, 52);
        click("u1", T0, 53);

        assertThat(alerts()).extracting(a -> a.eventTime).containsExactly(T0 + 5_000, T0, T0);
    }

    @Test
    void anEventStillWithinTheLatenessCannotAlertAgainInsideTheCooldown() throws Exception {
        long lateness = 30_000;
        open(Duration.ofMinutes(1), lateness);
        click("u1", T0, 51);
        harness.processWatermark(T0 + MINUTE + lateness - 1);
        // on time: after watermark - allowed lateness, and 1 ms inside the first alert's cooldown
        click("u1", T0 + MINUTE - 1, 51);
        assertThat(alerts()).hasSize(1);

        harness.processWatermark(T0 + MINUTE + lateness);
        assertThat(harness.numKeyedStateEntries()).isZero();
        click("u1", T0 + MINUTE + 1, 51);
        assertThat(alerts()).hasSize(2);
    }
}
