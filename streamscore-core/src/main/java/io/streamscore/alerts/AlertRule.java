package io.streamscore.alerts;

import io.streamscore.event.Event;
import io.streamscore.expression.CompiledExpression;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import io.streamscore.expression.ExpressionVariable;
import io.streamscore.spec.AlertSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A compiled alert rule: a condition over the fields of one source's events, the feature columns
 * ({@link Event#features}) and, when the pipeline has a model, the model's score ({@value #SCORE}), and a cooldown.
 * The alert operator raises an alert for an event's key when the condition holds, then stays quiet for that key until
 * {@link #cooldownMillis()} of event time have passed. A rule that reads the score ({@link #readsScore()}) runs
 * after scoring and reads the score from the column after the last feature column ({@link #scoreSlot()}).
 *
 * <p>Serializable; the condition compiles again on first use after deserialization (see
 * {@link CompiledExpression}).
 */
public final class AlertRule implements Serializable {
    private static final long serialVersionUID = 2L;
    /** The name a condition reads the model's score by. */
    public static final String SCORE = AlertSpec.SCORE;

    private final String name;
    private final String source;
    private final Duration cooldown;
    private final CompiledExpression condition;
    private final int scoreSlot;

    private AlertRule(String name, String source, Duration cooldown, CompiledExpression condition, int scoreSlot) {
        this.name = name;
        this.source = source;
        this.cooldown = cooldown;
        this.condition = condition;
        this.scoreSlot = scoreSlot;
    }

    /**
     * Compiles the rule's condition {@code when} over {@code scope} (the source's fields and feature columns).
     *
     * @throws io.streamscore.expression.ExpressionException when it does not compile to a condition
     */
    public static AlertRule of(String name, String source, String when, Duration cooldown, ExpressionScope scope) {
        return of(name, source, when, cooldown, scope, -1);
    }

    /**
     * Like {@link #of(String, String, String, Duration, ExpressionScope)}, with the model's score in the scope as
     * {@value #SCORE}, read from column {@code scoreSlot} (after every feature and joined column). A field or feature
     * named {@value #SCORE} hides it.
     */
    public static AlertRule overScore(String name, String source, String when, Duration cooldown,
                                      ExpressionScope scope, int scoreSlot) {
        if (scoreSlot < 0) {
            throw new IllegalArgumentException("alert " + name + ": the score's column must be >= 0, was " + scoreSlot);
        }
        return of(name, source, when, cooldown, scope.withColumn(SCORE, scoreSlot), scoreSlot);
    }

    private static AlertRule of(String name, String source, String when, Duration cooldown, ExpressionScope scope,
                                int scoreSlot) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("alert " + name + ": cooldown must not be negative, was " + cooldown);
        }
        CompiledExpression condition = CompiledExpression.compile(when, ExpressionType.CONDITION, scope);
        boolean readsScore = scoreSlot >= 0 && condition.variables().stream().anyMatch(variable ->
                variable.source() == ExpressionVariable.Source.FEATURE && variable.index() == scoreSlot);
        return new AlertRule(name, source, cooldown, condition, readsScore ? scoreSlot : -1);
    }

    /** Whether this event, of this rule's source, meets the condition; false for other sources' events. */
    public boolean test(Event event) {
        return test(event.source, event.numbers, event.strings, event.features);
    }

    /**
     * Whether an event of {@code eventSource} with these field values and columns meets the condition; false for
     * other sources' events. For a rule that {@link #readsScore() reads the score}, {@code columns} holds it at
     * {@link #scoreSlot()}.
     */
    public boolean test(String eventSource, double[] numbers, String[] strings, double[] columns) {
        return source.equals(eventSource) && condition.test(numbers, strings, columns);
    }

    /** Whether the condition reads the model's score, so the rule must run after scoring. */
    public boolean readsScore() {
        return scoreSlot >= 0;
    }

    /** The column the condition reads the score from; -1 when it does not read it. */
    public int scoreSlot() {
        return scoreSlot;
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
