package io.streamscore.spec;

import java.util.Objects;

/**
 * A feature computed per event from an expression over the fields of {@code source} and the features of that
 * source declared before it, e.g. {@code amount / max(user_avg_amount_30d, 1.0)}. Events of other sources get NaN.
 */
public record DerivedFeatureSpec(String name, String source, String expression) {
    public DerivedFeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expression, "expression");
    }
}
