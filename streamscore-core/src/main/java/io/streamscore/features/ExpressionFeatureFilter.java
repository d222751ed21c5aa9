package io.streamscore.features;

import io.streamscore.event.EventSchema;
import io.streamscore.expression.CompiledExpression;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import java.util.Objects;

/**
 * A {@link FeatureFilter} written as a condition over the source's fields, e.g. {@code amount < 5} or
 * {@code eq(merchant_category, "gambling")}. Pure, as the filter contract requires: it sees only the event. An
 * evaluation that throws counts as not matching (see {@link CompiledExpression}).
 */
public final class ExpressionFeatureFilter implements FeatureFilter {
    private static final long serialVersionUID = 1L;

    private final CompiledExpression condition;

    private ExpressionFeatureFilter(CompiledExpression condition) {
        this.condition = condition;
    }

    /**
     * Compiles {@code condition} over the fields of {@code schema}.
     *
     * @throws io.streamscore.expression.ExpressionException when it does not compile to a condition
     */
    public static ExpressionFeatureFilter of(EventSchema schema, String condition) {
        Objects.requireNonNull(schema, "schema");
        return new ExpressionFeatureFilter(
                CompiledExpression.compile(condition, ExpressionType.CONDITION, ExpressionScope.of(schema)));
    }

    @Override
    public boolean test(double[] numbers, String[] strings) {
        return condition.test(numbers, strings, null);
    }

    public CompiledExpression condition() {
        return condition;
    }

    @Override
    public String source() {
        return condition.text();
    }

    @Override
    public String toString() {
        return condition.text();
    }
}
