package io.streamscore.features;

import io.streamscore.event.Event;
import io.streamscore.expression.CompiledExpression;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import java.util.Objects;

/**
 * A {@link DerivedFeature} written as a numeric expression over the fields of one source and the feature columns
 * computed before it, e.g. {@code amount / max(user_avg_amount_30d, 1.0)}. Its slots follow that source's schema,
 * so events of other sources get NaN.
 */
public final class ExpressionDerivedFeature implements DerivedFeature {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String source;
    private final CompiledExpression expression;

    private ExpressionDerivedFeature(String name, String source, CompiledExpression expression) {
        this.name = name;
        this.source = source;
        this.expression = expression;
    }

    /**
     * Compiles {@code expression} as a number over {@code scope} (the source's fields and the columns before it).
     *
     * @throws io.streamscore.expression.ExpressionException when it does not compile to a number
     */
    public static ExpressionDerivedFeature of(String name, String source, String expression, ExpressionScope scope) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        return new ExpressionDerivedFeature(name, source,
                CompiledExpression.compile(expression, ExpressionType.NUMBER, scope));
    }

    @Override
    public String name() {
        return name;
    }

    /** The source whose events this feature is computed for. */
    public String source() {
        return source;
    }

    public CompiledExpression expression() {
        return expression;
    }

    @Override
    public double evaluate(Event event) {
        if (!source.equals(event.source)) {
            return Double.NaN;
        }
        return expression.evaluate(event.numbers, event.strings, event.features);
    }

    @Override
    public String toString() {
        return name + " = " + expression.text();
    }
}
