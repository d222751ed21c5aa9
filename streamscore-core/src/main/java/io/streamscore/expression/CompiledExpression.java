package io.streamscore.expression;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.codehaus.commons.compiler.CompileException;

/**
 * An expression compiled to bytecode, evaluated over an event's value arrays: {@code numbers} and {@code strings}
 * as laid out by its schema, and {@code features} in the feature plan's column order. An evaluation is one
 * interface call into generated code that reads the slots the expression names: no boxing, no reflection, no map
 * lookups.
 *
 * <p>Serializable for Flink: Janino's classes are not, so an instance carries the text and the variables it uses,
 * and compiles again on first use after deserialization. {@link #compile} has already proven the text compiles,
 * so that second compilation cannot fail on the task. Instances are not thread-safe (the failure count is a
 * plain field), like every Flink operator's state: give each subtask its own copy (deserialization does).
 *
 * <p><b>Undefined results.</b> A number that is not finite (a division by zero, an overflow) is NaN. An expression
 * that throws for an event (a method called on a missing string: use {@code eq} instead) is NaN as a number and
 * false as a condition, and counts in {@link #failures()}, which the operators report as a metric, rather than
 * failing the job on every restart over the same event.
 */
public final class CompiledExpression implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double[] NO_FEATURES = new double[0];

    private final String text;
    private final ExpressionType type;
    private final List<ExpressionVariable> variables;
    private transient NumberCode numberCode;
    private transient ConditionCode conditionCode;
    private transient long failures;

    private CompiledExpression(String text, ExpressionType type, List<ExpressionVariable> variables, Object code) {
        this.text = text;
        this.type = type;
        this.variables = List.copyOf(variables);
        keep(code);
    }

    /**
     * Compiles {@code text} as an expression of {@code type} over the names in {@code scope}.
     *
     * @throws ExpressionException when it does not compile: a syntax error, an unknown name, a wrong result type
     */
    public static CompiledExpression compile(String text, ExpressionType type, ExpressionScope scope) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        List<ExpressionVariable> variables = ExpressionCompiler.bind(text, scope);
        try {
            return new CompiledExpression(text, type, variables, ExpressionCompiler.cook(text, type, variables));
        } catch (CompileException e) {
            throw CompileErrors.semantic(text, type, scope, e, ExpressionCompiler.linesBefore(variables));
        }
    }

    public String text() {
        return text;
    }

    public ExpressionType type() {
        return type;
    }

    /** The names this expression reads, with where each comes from. */
    public List<ExpressionVariable> variables() {
        return variables;
    }

    /** Whether the expression reads a feature column (and so needs {@code features}). */
    public boolean readsFeatures() {
        return variables.stream().anyMatch(v -> v.source() == ExpressionVariable.Source.FEATURE);
    }

    /** The value of a {@link ExpressionType#NUMBER} expression; NaN when undefined (see the class comment). */
    public double evaluate(double[] numbers, String[] strings, double[] features) {
        if (numberCode == null) {
            recompile(ExpressionType.NUMBER);
        }
        try {
            double value = numberCode.evaluate(numbers, strings, features == null ? NO_FEATURES : features);
            return Double.isInfinite(value) ? Double.NaN : value;
        } catch (RuntimeException e) {
            failures++;
            return Double.NaN;
        }
    }

    /** The value of a {@link ExpressionType#CONDITION} expression; false when it throws (see the class comment). */
    public boolean test(double[] numbers, String[] strings, double[] features) {
        if (conditionCode == null) {
            recompile(ExpressionType.CONDITION);
        }
        try {
            return conditionCode.test(numbers, strings, features == null ? NO_FEATURES : features);
        } catch (RuntimeException e) {
            failures++;
            return false;
        }
    }

    /** Evaluations of this instance that threw and were answered NaN or false. */
    public long failures() {
        return failures;
    }

    @Override
    public String toString() {
        return text;
    }

    private void recompile(ExpressionType expected) {
        if (type != expected) {
            throw new IllegalStateException("expression '" + text + "' is " + type.description() + ", not "
                    + expected.description());
        }
        try {
            keep(ExpressionCompiler.cook(text, type, variables));
        } catch (CompileException e) {
            throw new IllegalStateException("expression '" + text + "' compiled before serialization but not after: "
                    + e.getMessage(), e);
        }
    }

    private void keep(Object code) {
        if (code instanceof NumberCode number) {
            numberCode = number;
        } else {
            conditionCode = (ConditionCode) code;
        }
    }

    /** Implemented by the generated class of a {@link ExpressionType#NUMBER} expression. Not for users. */
    public interface NumberCode {
        double evaluate(double[] numbers, String[] strings, double[] features);
    }

    /** Implemented by the generated class of a {@link ExpressionType#CONDITION} expression. Not for users. */
    public interface ConditionCode {
        boolean test(double[] numbers, String[] strings, double[] features);
    }
}
