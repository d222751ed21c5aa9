package io.streamscore.expression;

/** What an expression computes: a number (derived features) or a condition (filters, alert rules). */
public enum ExpressionType {
    /** A {@code double}; integer results widen to it. Used by derived features. */
    NUMBER("double", "a number"),
    /** A {@code boolean}, e.g. {@code amount > 0}. Used by feature filters and alert rules. */
    CONDITION("boolean", "a condition (true or false)");

    private final String javaType;
    private final String description;

    ExpressionType(String javaType, String description) {
        this.javaType = javaType;
        this.description = description;
    }

    /** The Java type the compiled code returns. */
    String javaType() {
        return javaType;
    }

    /** For messages: "a number", "a condition (true or false)". */
    public String description() {
        return description;
    }
}
