package io.streamscore.flink.join;

import static io.streamscore.flink.join.EventTimeJoinFunctionTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.join.JoinPlan;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random transactions, clicks and profile changes of a few users, out of order within each source's lateness, with
 * duplicate times, events on window edges and long gaps, through the join with restores from snapshots: every
 * transaction the late-event router lets through is emitted once, with exactly the click measures and the profile
 * version a brute-force look at all on-time clicks and changes gives at its time, whatever the arrival order.
 */
class EventTimeJoinOracleTest {
    private static final String SPEC = """
            name: join-oracle
            sources:
              transactions: {topic: t, schema: transaction, key: user_id, event_time: event_time,
                             max_out_of_orderness: 2s, allowed_lateness: 3s}
              clicks: {topic: c, schema: click, key: user_id, event_time: event_time, allowed_lateness: 1s}
              profiles: {topic: p, schema: user_profile_change, format: debezium_json, key: after.user_id,
                         event_time: ts_ms, allowed_lateness: 2s}
            joins:
              source: transactions
              clicks:
                source: clicks
                features:
                  - {name: clicks_1m, measure: clicks, window: 1m}
                  - {name: views_10s, measure: pages_viewed, window: 10s}
                  - {name: failed_1m, measure: failed_logins, window: 1m}
                  - {name: session_age_30s, measure: session_age, window: 30s}
              profiles:
                source: profiles
                columns:
                  - {name: profile_risk, field: risk_tier, codes: {low: 0, medium: 1, high: 2}}
            outputs: {scores_topic: s, alerts_topic: a, late_topic: l, dead_letter_topic: d}
            """;
    private static final long OUT_OF_ORDERNESS = 2_000;
    private static final long[] WINDOWS = {60_000, 10_000, 60_000, 30_000};
    private static final Map<String, Long> LATENESS = Map.of("transactions", 3_000L, "clicks", 1_000L,
            "profiles", 2_000L);
    private static final String[] ACTIONS = {"view", "login_failed", "click", null};
    private static final String[] RISKS = {"low", "medium", "high", "unknown"};
    private static final EventSchema CLICK = EventSchema.builtIn("click");

    private final List<Event> onTime = new ArrayList<>();
    private JoinPlan plan;
    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void everyTransactionGetsTheClicksAndProfileVersionOfItsTime(long seed) throws Exception {
        plan = JoinPlan.compile(SpecLoader.parse(SPEC, Path.of(".")));
        Random random = new Random(seed);
        open(null);
        long newest = T0;
        long watermark = Long.MIN_VALUE;
        List<Event> emitted = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            Event event = next(random, newest, i);
            if (watermark != Long.MIN_VALUE && event.eventTime <= watermark - LATENESS.get(event.source)) {
                continue; // the late-event router's decision
            }
            onTime.add(event);
            harness.processElement(new StreamRecord<>(event, event.eventTime));
            newest = Math.max(newest, event.eventTime);
            if (random.nextInt(5) == 0 && newest - OUT_OF_ORDERNESS - 1 > watermark) {
                watermark = newest - OUT_OF_ORDERNESS - 1;
                harness.processWatermark(watermark);
            }
            if (random.nextInt(500) == 0) {
                emitted.addAll(harness.extractOutputValues());
                OperatorSubtaskState snapshot = harness.snapshot(i, i);
                harness.close();
                open(snapshot);
                if (watermark != Long.MIN_VALUE) {
                    harness.processWatermark(watermark); // the sources' watermark after a restore (router floor)
                }
            }
        }
        harness.processWatermark(Long.MAX_VALUE);
        emitted.addAll(harness.extractOutputValues());
        assertThat(harness.getSideOutput(EventTimeJoinFunction.late("clicks"))).isNullOrEmpty();
        assertThat(harness.getSideOutput(EventTimeJoinFunction.late("profiles"))).isNullOrEmpty();
        harness.close();

        List<Event> transactions = onTime.stream().filter(plan::isEnriched).toList();
        assertThat(emitted).extracting(e -> e.eventId).containsExactlyInAnyOrderElementsOf(
                transactions.stream().map(e -> e.eventId).toList());
        for (Event event : emitted) {
            assertThat(event.features).as("%s at %d", event.eventId, event.eventTime)
                    .containsExactly(expected(event));
        }
    }

    private void open(OperatorSubtaskState restoreFrom) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new EventTimeJoinFunction(plan, 0, LATENESS.get("transactions"))), e -> e.key, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    private static Event next(Random random, long newest, int i) {
        String user = "u" + random.nextInt(3);
        long time = switch (random.nextInt(8)) {
            case 0 -> newest;
            case 1 -> newest - random.nextInt(8_000);
            case 2 -> Math.floorDiv(newest, 10_000) * 10_000 + 10_000; // on a window edge
            case 3 -> newest + (random.nextInt(40) == 0 ? 3_600_000 : 60_000);
            default -> newest + random.nextInt(3_000);
        };
        int kind = random.nextInt(10);
        Event event;
        if (kind < 3) {
            event = EventTimeJoinFunctionTest.transaction(user, time);
        } else if (kind < 8) {
            event = EventTimeJoinFunctionTest.click(user, time, ACTIONS[random.nextInt(ACTIONS.length)]);
            event.strings[CLICK.require("session_id").slot()] = random.nextInt(4) == 0 ? null : "s" + random.nextInt(3);
        } else {
            String op = random.nextInt(6) == 0 ? "d" : random.nextBoolean() ? "u" : "c";
            event = EventTimeJoinFunctionTest.profile(user, time, op, RISKS[random.nextInt(RISKS.length)]);
        }
        event.eventId = event.source + "#" + i;
        return event;
    }

    /** Brute force over every on-time click and change of the user, in any arrival order. */
    private double[] expected(Event transaction) {
        long t = transaction.eventTime;
        double[] columns = new double[5];
        List<Event> clicks = onTime.stream().filter(e -> plan.isClick(e) && e.key.equals(transaction.key)).toList();
        for (int m = 0; m < 3; m++) {
            long from = t - WINDOWS[m];
            byte kind = m == 1 ? 1 : m == 2 ? (byte) 2 : 0;
            columns[m] = clicks.stream().filter(c -> c.eventTime > from && c.eventTime <= t)
                    .filter(c -> kind == 0 || plan.clickKind(c) == kind).count();
        }
        columns[3] = sessionAge(clicks, t, t - WINDOWS[3]);
        Event valid = null;
        for (Event change : onTime) { // arrival order: of two changes with one time, the later arrival wins
            if (plan.isProfileChange(change) && change.key.equals(transaction.key) && change.eventTime <= t
                    && (valid == null || change.eventTime >= valid.eventTime)) {
                valid = change;
            }
        }
        double[] row = valid == null ? null : plan.profileRow(valid);
        columns[4] = row == null ? Double.NaN : row[0];
        return columns;
    }

    private double sessionAge(List<Event> clicks, long t, long from) {
        Event latest = null;
        for (Event c : clicks) { // arrival order: of two clicks with one time, the later arrival is the latest
            if (c.eventTime > from && c.eventTime <= t && (latest == null || c.eventTime >= latest.eventTime)) {
                latest = c;
            }
        }
        String session = latest == null ? null : plan.clickSession(latest);
        if (session == null) {
            return Double.NaN;
        }
        long first = clicks.stream().filter(c -> c.eventTime > from && c.eventTime <= t)
                .filter(c -> session.equals(plan.clickSession(c))).mapToLong(c -> c.eventTime).min().orElseThrow();
        return t - first;
    }
}
