package io.streamscore.expression;

import java.io.Serializable;
import java.util.Objects;

/**
 * A name an expression can use and where its value comes from: a numeric event slot, a string event slot, or a
 * feature column of {@code Event.features}. Serializable: a compiled expression carries the variables it uses so it
 * can regenerate its code after deserialization without the schema.
 *
 * @param identifier the Java identifier in the expression ({@code after.country} is {@code after_country})
 * @param index      the slot or column the value is read from
 */
public record ExpressionVariable(String identifier, Source source, int index) implements Serializable {
    /** Where a variable's value is read from. */
    public enum Source {
        /** {@code Event.numbers}: a double, NaN when missing. */
        NUMBER_FIELD,
        /** {@code Event.strings}: a String, null when missing. */
        STRING_FIELD,
        /** {@code Event.features}: a double, NaN when undefined. */
        FEATURE
    }

    public ExpressionVariable {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(source, "source");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
    }

    /** The Java declaration of this variable in generated code, reading it from the evaluator's arrays. */
    String declaration() {
        return switch (source) {
            case NUMBER_FIELD -> "final double " + identifier + " = $numbers[" + index + "];";
            case STRING_FIELD -> "final String " + identifier + " = $strings[" + index + "];";
            case FEATURE -> "final double " + identifier + " = $features[" + index + "];";
        };
    }
}
