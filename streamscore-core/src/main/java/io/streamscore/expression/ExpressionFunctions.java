package io.streamscore.expression;

/**
 * The functions every expression can call without a prefix (they are its default static imports), e.g.
 * {@code amount / max(user_avg_amount_30d, 1.0)}. Missing numbers are NaN and flow through arithmetic and the
 * other functions; {@link #max} and {@link #min} skip a missing argument, like SQL's {@code GREATEST} and
 * {@code LEAST}, so that {@code max(user_avg_amount_30d, 1.0)} is 1 for a user with no history yet.
 * {@link #coalesce} and {@link #isMissing} choose a value for a missing one explicitly; {@link #matches} matches a
 * regular expression in linear time. {@code java.lang.Math} is
 * available too, as {@code Math.floor(x)}.
 *
 * <p>Plain static methods on primitives: the compiled expression calls them directly, with no boxing.
 */
public final class ExpressionFunctions {
    private ExpressionFunctions() {}

    /** The larger argument; the other one when one is missing (NaN); NaN when both are. */
    public static double max(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** The smaller argument; the other one when one is missing (NaN); NaN when both are. */
    public static double min(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    public static double abs(double x) {
        return Math.abs(x);
    }

    /** Natural logarithm; NaN below 0, -infinity at 0 (which a derived feature reports as NaN). */
    public static double log(double x) {
        return Math.log(x);
    }

    /** {@code log(1 + x)}, accurate for small x: the usual transform of counts and amounts. */
    public static double log1p(double x) {
        return Math.log1p(x);
    }

    public static double exp(double x) {
        return Math.exp(x);
    }

    public static double sqrt(double x) {
        return Math.sqrt(x);
    }

    public static double pow(double base, double exponent) {
        return Math.pow(base, exponent);
    }

    /** {@code x}, or {@code fallback} when x is missing (NaN): {@code coalesce(user_avg_amount_30d, 0)}. */
    public static double coalesce(double x, double fallback) {
        return Double.isNaN(x) ? fallback : x;
    }

    /** Whether a number is missing (NaN): a missing field, or a feature undefined for this event. */
    public static boolean isMissing(double x) {
        return Double.isNaN(x);
    }

    /** Whether a string field is missing (null). */
    public static boolean isMissing(String s) {
        return s == null;
    }

    /** Null-safe string equality: {@code eq(country, "US")} is false, not an error, when country is missing. */
    public static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /**
     * Whether the whole of {@code text} matches {@code regex} (as {@code String.matches} does), in RE2 syntax and
     * time linear in the text ({@link RegexPatterns}): {@code matches(merchant_id, "m_[0-9]+")}. False when text is
     * missing (null), like {@link #eq}. {@code text.matches(regex)} is compiled to this call too.
     */
    public static boolean matches(String text, String regex) {
        return text != null && RegexPatterns.compiled(regex).matches(text);
    }
}
