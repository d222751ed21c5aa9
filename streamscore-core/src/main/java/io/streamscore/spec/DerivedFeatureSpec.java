package io.streamscore.spec;

import java.util.Objects;

/**
 * A feature computed per event from an expression over the event's fields and the features declared before it,
 * e.g. {@code amount / max(user_avg_amount_30d, 1.0)}.
 */
public record DerivedFeatureSpec(String name, String expression) {
    public DerivedFeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }
}
