package io.streamscore.flink.decide;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.alerts.AlertRule;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Evaluates alert rules on every record (keyed by the event's key) and raises an alert to the {@link #ALERTS} side
 * output when a rule holds and the key is not cooling down for that rule: at most one alert per rule and key per
 * cooldown of event time. Records pass through unchanged. {@link AlertFunction} runs the rules over fields and
 * features on the events before scoring, {@link ScoreAlertFunction} those that read the score on the scores.
 *
 * <p>State per key is the event time of the last alert per rule; an event-time timer clears it once every cooldown
 * has passed by the allowed lateness of the rules' sources too, so keys that stop alerting cost nothing: a record
 * still on time may be up to that lateness behind the watermark, and clearing at the cooldown's end alone would let
 * such a record alert again inside the cooldown. A record older than the last alert (out of order) is inside the
 * cooldown and raises nothing, unless the cooldown is 0 (every matching record alerts).
 *
 * @param <T> the records the rules read
 */
public abstract class RuleAlertFunction<T> extends KeyedProcessFunction<String, T, T> {
    public static final OutputTag<AlertRecord> ALERTS = new OutputTag<>("alerts") {};
    private static final long NEVER = Long.MIN_VALUE;

    protected final List<AlertRule> rules;
    private final long longestCooldown;
    private final long allowedLatenessMs;
    private transient ValueState<long[]> lastAlerts;
    private transient Counter alertCount;

    /**
     * @param allowedLatenessMs the largest allowed lateness of the rules' sources: how far behind the watermark a
     *     record may still arrive, so how long after a cooldown its last alert time must be kept
     */
    protected RuleAlertFunction(AlertPlan plan, long allowedLatenessMs) {
        if (allowedLatenessMs < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0 ms, was " + allowedLatenessMs);
        }
        this.rules = plan.rules();
        this.longestCooldown = rules.stream().mapToLong(AlertRule::cooldownMillis).max().orElse(0);
        this.allowedLatenessMs = allowedLatenessMs;
    }

    /** Whether {@code rule} holds for {@code record}; called for each rule in order, after {@link #prepare}. */
    protected abstract boolean holds(AlertRule rule, T record);

    /** Called once per record before its rules are tested. */
    protected void prepare(T record) {}

    protected abstract long eventTime(T record);

    /** The alert {@code rule} raises for {@code record}. */
    protected abstract AlertRecord alert(AlertRule rule, T record);

    @Override
    public void open(OpenContext openContext) {
        lastAlerts = getRuntimeContext().getState(
                new ValueStateDescriptor<>("last-alert-times", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        alertCount = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup())
                .counter(PipelineMetrics.ALERTS);
        for (AlertRule rule : rules) {
            PipelineMetrics.expressionFailures(getRuntimeContext().getMetricGroup(), "alerts." + rule.name() + ".when",
                    rule.condition());
        }
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) throws Exception {
        prepare(record);
        long[] last = null;
        for (int i = 0; i < rules.size(); i++) {
            AlertRule rule = rules.get(i);
            if (!holds(rule, record)) {
                continue;
            }
            if (last == null) {
                last = current();
            }
            long eventTime = eventTime(record);
            long cooldown = rule.cooldownMillis();
            if (last[i] == NEVER || cooldown == 0 || eventTime - last[i] >= cooldown) {
                last[i] = eventTime;
                ctx.output(ALERTS, alert(rule, record));
                alertCount.inc();
                lastAlerts.update(last);
                ctx.timerService().registerEventTimeTimer(eventTime + longestCooldown + allowedLatenessMs);
            }
        }
        out.collect(record);
    }

    private long[] current() throws Exception {
        long[] last = lastAlerts.value();
        if (last == null || last.length != rules.size()) {
            last = new long[rules.size()];
            Arrays.fill(last, NEVER);
        }
        return last;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        long[] last = lastAlerts.value();
        if (last == null) {
            return;
        }
        for (int i = 0; i < last.length; i++) {
            long keepUntil = last[i] + rules.get(i).cooldownMillis() + allowedLatenessMs;
            if (last[i] != NEVER && keepUntil > ctx.timerService().currentWatermark()) {
                return; // a later timer (registered with that alert) clears it
            }
        }
        lastAlerts.clear();
    }
}
