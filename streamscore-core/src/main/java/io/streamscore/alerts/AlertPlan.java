package io.streamscore.alerts;

import java.io.Serializable;
import java.util.List;

/**
 * The alert rules of a pipeline, in the order the spec lists them; an event can raise several. Rules over fields
 * and features run before scoring ({@link #beforeScoring()}), rules that read the model's score after it
 * ({@link #afterScoring()}).
 */
public record AlertPlan(List<AlertRule> rules) implements Serializable {
    public static final AlertPlan EMPTY = new AlertPlan(List.of());

    public AlertPlan {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rules that do not read the score, in spec order. */
    public AlertPlan beforeScoring() {
        return new AlertPlan(rules.stream().filter(rule -> !rule.readsScore()).toList());
    }

    /** The rules that read the score, in spec order. */
    public AlertPlan afterScoring() {
        return new AlertPlan(rules.stream().filter(AlertRule::readsScore).toList());
    }
}
