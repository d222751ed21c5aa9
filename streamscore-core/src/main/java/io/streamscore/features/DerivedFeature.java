package io.streamscore.features;

import io.streamscore.event.Event;
import java.io.Serializable;

/**
 * A feature computed from one event's fields and the feature values computed before it
 * ({@link Event#features}), e.g. {@code amount / max(user_avg_amount_30d, 1.0)}. Serializable so Flink can ship it;
 * implementations compile their expression lazily on the task.
 */
public interface DerivedFeature extends Serializable {
    String name();

    /** The feature's value for this event; NaN when undefined (a missing input, a division by zero...). */
    double evaluate(Event event);
}
