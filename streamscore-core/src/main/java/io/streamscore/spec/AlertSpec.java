package io.streamscore.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * An alert rule: when the condition {@code when} (over the fields of {@code source}'s events, that source's
 * feature columns and, with a model, its {@value #SCORE}) holds for an event, an alert is raised for the event's
 * key, at most once per {@code cooldown} of event time per key.
 */
public record AlertSpec(String name, String source, String when, Duration cooldown) {
    /** The name a condition reads the model's score by (only in a pipeline with a model). */
    public static final String SCORE = "score";
    /** The rule name of the drift monitor's alerts, on the same alerts topic: no alert rule may take it. */
    public static final String DRIFT_RULE = "drift";
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);
    public static final Duration MAX_COOLDOWN = Duration.ofDays(1);

    public AlertSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative() || cooldown.compareTo(MAX_COOLDOWN) > 0) {
            throw new IllegalArgumentException("alert " + name + ": cooldown must be 0..1d, was " + cooldown);
        }
    }
}
