package io.streamscore.flink.decide;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.alerts.AlertRule;
import io.streamscore.event.Event;
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
 * Evaluates the alert rules on every event (keyed by the event's key) and raises an alert to the {@link #ALERTS}
 * side output when a rule holds and the key is not cooling down for that rule: at most one alert per rule and key per
 * cooldown of event time. Events pass through unchanged.
 *
 * <p>State per key is the event time of the last alert per rule; an event-time timer clears it once every cooldown
 * has passed, so keys that stop alerting cost nothing. An event older than the last alert (out of order) is inside
 * the cooldown and raises nothing.
 */
public final class AlertFunction extends KeyedProcessFunction<String, Event, Event> {
    public static final OutputTag<AlertRecord> ALERTS = new OutputTag<>("alerts") {};
    private static final long NEVER = Long.MIN_VALUE;

    private final List<AlertRule> rules;
    private final long longestCooldown;
    private transient ValueState<long[]> lastAlerts;
    private transient Counter alertCount;

    public AlertFunction(AlertPlan plan) {
        this.rules = plan.rules();
        this.longestCooldown = rules.stream().mapToLong(AlertRule::cooldownMillis).max().orElse(0);
    }

    @Override
    public void open(OpenContext openContext) {
        lastAlerts = getRuntimeContext().getState(
                new ValueStateDescriptor<>("last-alert-times", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        alertCount = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup()).counter(PipelineMetrics.ALERTS);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
        long[] last = null;
        for (int i = 0; i < rules.size(); i++) {
            AlertRule rule = rules.get(i);
            if (!rule.test(event)) {
                continue;
            }
            if (last == null) {
                last = current();
            }
            if (last[i] == NEVER || event.eventTime - last[i] >= rule.cooldownMillis()) {
                last[i] = event.eventTime;
                ctx.output(ALERTS, alert(rule, event));
                alertCount.inc();
                lastAlerts.update(last);
                ctx.timerService().registerEventTimeTimer(event.eventTime + longestCooldown);
            }
        }
        out.collect(event);
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
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
        long[] last = lastAlerts.value();
        if (last == null) {
            return;
        }
        for (int i = 0; i < last.length; i++) {
            if (last[i] != NEVER && last[i] + rules.get(i).cooldownMillis() > ctx.timerService().currentWatermark()) {
                return; // a later timer (registered with that alert) clears it
            }
        }
        lastAlerts.clear();
    }

    private static AlertRecord alert(AlertRule rule, Event event) {
        AlertRecord alert = new AlertRecord();
        alert.alertId = AlertRecord.alertId(rule.name(), event.key, event.eventId);
        alert.rule = rule.name();
        alert.key = event.key;
        alert.source = event.source;
        alert.eventId = event.eventId;
        alert.eventTime = event.eventTime;
        alert.ingestTime = event.ingestTime;
        alert.features = event.features == null ? null : event.features.clone();
        return alert;
    }
}
