package io.streamscore.alerts;

import java.io.Serializable;
import java.util.List;

/** The alert rules of a pipeline, in the order the spec lists them; an event can raise several. */
public record AlertPlan(List<AlertRule> rules) implements Serializable {
    public static final AlertPlan EMPTY = new AlertPlan(List.of());

    public AlertPlan {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
