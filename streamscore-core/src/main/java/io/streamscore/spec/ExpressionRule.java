package io.streamscore.spec;

import io.streamscore.expression.CompiledExpression;
import io.streamscore.expression.ExpressionException;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import java.util.Map;

/**
 * An expression in the spec (a feature filter, a derived feature, an alert condition), compiled while the spec
 * loads so that a syntax error, an unknown name or a wrong result type is reported at its key, with the expression
 * and the position in it, before anything runs.
 */
final class ExpressionRule {
    /**
     * A name an expression cannot use here although the spec defines it (a feature declared later, a feature of
     * another source): why, and what to do.
     */
    record HiddenName(String why, String fix) {}

    private ExpressionRule() {}

    /** Reports the expression at {@code node} unless it compiles to {@code type} over {@code scope}. */
    static void check(SpecNode node, String text, ExpressionType type, ExpressionScope scope,
                      Map<String, HiddenName> hidden) {
        try {
            CompiledExpression.compile(text, type, scope);
        } catch (ExpressionException e) {
            String name = e.unknownName();
            HiddenName hiddenName = name == null ? null : hidden.get(name);
            if (hiddenName != null) {
                node.error("'" + text + "' uses `" + name + "`, which " + hiddenName.why(), hiddenName.fix());
            } else if (name != null) {
                node.error("'" + text + "': " + e.problem(), ClosestName.didYouMean(name, scope.names()) + e.fix());
            } else {
                node.error("'" + text + "': " + e.problem(), e.fix());
            }
        }
    }
}
