package io.streamscore.alerts;

import io.streamscore.event.Event;
import io.streamscore.expression.CompiledExpression;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A compiled alert rule: a condition over the fields of one source's events and the feature columns
 * ({@link Event#features}), and a cooldown. The alert operator raises an alert for an event's key when
 * {@link #test} holds, then stays quiet for that key until {@link #cooldownMillis()} of event time have passed.
 *
 * <p>Serializable; the condition compiles again on first use after deserialization (see
 * {@link CompiledExpression}).
 */
public final class AlertRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String source;
    private final Duration cooldown;
    private final CompiledExpression condition;

    private AlertRule(String name, String source, Duration cooldown, CompiledExpression condition) {
        this.name = name;
        this.source = source;
        this.cooldown = cooldown;
        this.condition = condition;
    }

    /**
     * Compiles the rule's condition {@code when} over {@code scope} (the source's fields and feature columns).
     *
     * @throws io.streamscore.expression.ExpressionException when it does not compile to a condition
     */
    public static AlertRule of(String name, String source, String when, Duration cooldown, ExpressionScope scope) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("alert " + name + ": cooldown must not be negative, was " + cooldown);
        }
        return new AlertRule(name, source, cooldown,
                CompiledExpression.compile(when, ExpressionType.CONDITION, scope));
    }

    /** Whether this event, of this rule's source, meets the condition; false for other sources' events. */
    public boolean test(Event event) {
        return source.equals(event.source) && condition.test(event.numbers, event.strings, event.features);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public Duration cooldown() {
        return cooldown;
    }

    public long cooldownMillis() {
        return cooldown.toMillis();
    }

    public CompiledExpression condition() {
        return condition;
    }

    @Override
    public String toString() {
        return name + " when " + condition.text() + " (cooldown " + cooldown + ")";
    }
}
