package io.streamscore.flink.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.join.JoinPlan;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventTimeJoinFunctionTest {
    static final long T0 = 1_767_225_600_000L;
    static final String SPEC = """
            name: join-test
            sources:
              transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
              clicks: {topic: clicks, schema: click, key: user_id, event_time: event_time, allowed_lateness: 1s}
              profiles: {topic: profiles, schema: user_profile_change, format: debezium_json, key: after.user_id,
                         event_time: ts_ms}
            joins:
              source: transactions
              clicks:
                source: clicks
                features:
                  - {name: clicks_1m, measure: clicks, window: 1m}
                  - {name: failed_logins_1m, measure: failed_logins, window: 1m}
              profiles:
                source: profiles
                columns:
                  - {name: profile_risk, field: risk_tier, codes: {low: 0, medium: 1, high: 2}}
            outputs: {scores_topic: s, alerts_topic: a, late_topic: l, dead_letter_topic: d}
            """;
    private static final EventSchema TX = EventSchema.builtIn("transaction");
    private static final EventSchema CLICK = EventSchema.builtIn("click");
    private static final EventSchema PROFILE = EventSchema.builtIn("user_profile_change");

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;

    @BeforeEach
    void open() throws Exception {
        PipelineSpec spec = SpecLoader.parse(SPEC, Path.of("."));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new EventTimeJoinFunction(JoinPlan.compile(spec), 0, 0)), e -> e.key, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static Event transaction(String user, long time) {
        Event event = new Event("transaction", "transactions", "tx@" + time, user, time, time, TX.newNumbers(),
                TX.newStrings());
        return event;
    }

    static Event click(String user, long time, String action) {
        String[] strings = CLICK.newStrings();
        strings[CLICK.require("action").slot()] = action;
        strings[CLICK.require("session_id").slot()] = "s1";
        return new Event("click", "clicks", "ck@" + time, user, time, time, CLICK.newNumbers(), strings);
    }

    static Event profile(String user, long time, String op, String risk) {
        String[] strings = PROFILE.newStrings();
        strings[PROFILE.require("op").slot()] = op;
        strings[PROFILE.require("after.risk_tier").slot()] = risk;
        return new Event("user_profile_change", "profiles", user + "@" + time, user, time, time,
                PROFILE.newNumbers(), strings);
    }

    private void send(Event event) throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime));
    }

    private List<double[]> joined() {
        return harness.extractOutputValues().stream().map(e -> e.features).toList();
    }

    @Test
    void transactionWaitsForTheWatermarkAndSeesLaterArrivingClicksAndChangesUpToItsTime() throws Exception {
        send(profile("u1", T0 - 10_000, "r", "low"));
        send(transaction("u1", T0));
        send(click("u1", T0 - 5_000, "login_failed")); // arrives after the transaction, but is older
        send(profile("u1", T0 - 1_000, "u", "high")); // out of order: valid before the transaction
        send(profile("u1", T0 + 1, "u", "medium"));   // after it: not seen
        send(click("u1", T0 + 1, "view"));
        harness.processWatermark(T0 + 999);
        assertThat(joined()).isEmpty(); // the clicks' allowed lateness (1 s) is not over yet

        harness.processWatermark(T0 + 1_000);

        assertThat(joined()).containsExactly(new double[] {1, 1, 2});
    }

    @Test
    void deletedProfileGivesNaNAndClickWindowsSlide() throws Exception {
        send(profile("u1", T0 - 10_000, "r", "low"));
        send(click("u1", T0 - 61_000, "view"));
        send(profile("u1", T0 - 1, "d", null));
        send(transaction("u1", T0));
        harness.processWatermark(T0 + 5_000);

        assertThat(joined()).hasSize(1);
        assertThat(joined().get(0)).containsExactly(0, 0, Double.NaN);
    }

    @Test
    void clickBeyondTheLatenessGoesToTheLateOutput() throws Exception {
        harness.processWatermark(T0 + 10_000);
        send(click("u1", T0, "view"));
        send(click("u1", T0 + 9_500, "view"));

        assertThat(harness.getSideOutput(EventTimeJoinFunction.late("clicks"))).hasSize(1);
        send(transaction("u1", T0 + 9_600));
        harness.processWatermark(T0 + 20_000);
        assertThat(joined().get(0)[0]).isEqualTo(1);
    }

    @Test
    void stateIsPrunedOnceNoTransactionCanReadIt() throws Exception {
        send(click("u1", T0, "view"));
        send(profile("u1", T0, "r", "low"));
        send(profile("u1", T0 + 1_000, "d", null));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T0 + 3_600_000);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void joinStateIsFlinkPojosWithoutKryo() {
        assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(io.streamscore.join.ClickHistory.class))
                .isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
        assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(io.streamscore.join.ProfileHistory.class))
                .isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
    }

    @Test
    void otherSourcesPassThrough() throws Exception {
        Event other = new Event("label", "labels", "x", "u1", T0, T0, new double[0], new String[0]);
        send(other);

        assertThat(harness.extractOutputValues()).containsExactly(other);
    }
}
