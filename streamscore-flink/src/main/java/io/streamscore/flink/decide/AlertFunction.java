package io.streamscore.flink.decide;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.alerts.AlertRule;
import io.streamscore.event.Event;

/**
 * The alert rules over an event's fields and features, on the events before scoring (see {@link RuleAlertFunction}
 * for the cooldown); rules that read the score run after scoring, in {@link ScoreAlertFunction}.
 */
public final class AlertFunction extends RuleAlertFunction<Event> {
    /** @param allowedLatenessMs the largest allowed lateness of the rules' sources */
    public AlertFunction(AlertPlan plan, long allowedLatenessMs) {
        super(plan, allowedLatenessMs);
    }

    @Override
    protected boolean holds(AlertRule rule, Event event) {
        return rule.test(event);
    }

    @Override
    protected long eventTime(Event event) {
        return event.eventTime;
    }

    @Override
    protected AlertRecord alert(AlertRule rule, Event event) {
        return AlertRecord.of(rule.name(), event.key, event.source, event.eventId, event.eventTime, event.ingestTime,
                event.features);
    }
}
