package io.streamscore.expression;

import java.util.Objects;

/**
 * An expression that cannot be compiled: what is wrong (with the position in the expression when Janino gives
 * one) and how to fix it. Thrown when a spec is validated or a plan is built, never while events flow.
 *
 * @see CompiledExpression#compile
 */
public final class ExpressionException extends RuntimeException {
    private final String expression;
    private final String problem;
    private final String fix;
    private final String unknownName;

    ExpressionException(String expression, String problem, String fix, String unknownName) {
        super("expression '" + expression + "': " + problem + " (fix: " + fix + ")");
        this.expression = Objects.requireNonNull(expression, "expression");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = Objects.requireNonNull(fix, "fix");
        this.unknownName = unknownName;
    }

    /** The expression as written. */
    public String expression() {
        return expression;
    }

    /** What is wrong, e.g. {@code unknown name `amont` at column 1}. */
    public String problem() {
        return problem;
    }

    /** What to write instead. */
    public String fix() {
        return fix;
    }

    /** The name the expression uses that is not in its scope, or null when the problem is something else. */
    public String unknownName() {
        return unknownName;
    }
}
