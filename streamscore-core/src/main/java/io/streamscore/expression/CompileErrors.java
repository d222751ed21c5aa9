package io.streamscore.expression;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;

/**
 * Turns Janino's compile errors into {@link ExpressionException}s a spec author can act on: positions relative to
 * the expression as written (not the generated class), unknown names and functions named as such, and a result of
 * the wrong type explained in terms of where the expression is used.
 */
final class CompileErrors {
    /** The functions of {@link ExpressionFunctions}, for messages. */
    static final String FUNCTIONS = ExpressionLanguage.FUNCTIONS.stream().sorted().collect(Collectors.joining(", "));

    private static final List<Pattern> UNKNOWN_NAME = List.of(
            Pattern.compile("Expression \"(\\w+)\" is not an rvalue"),
            Pattern.compile("Unknown variable or type \"(\\w+)\""));
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("A method named \"(\\w+)\" is not declared");
    private static final Pattern WRONG_TYPE =
            Pattern.compile("Assignment conversion not possible from type \"([\\w.]+)\" to type \"\\w+\"");

    private CompileErrors() {}

    /** A problem found while parsing the expression on its own: positions are already the expression's. */
    static ExpressionException syntax(String text, CompileException e) {
        return new ExpressionException(text, "syntax error: " + message(e) + position(text, e.getLocation(), 0),
                "write one Java expression, e.g. `amount > 0 && eq(country, \"US\")`; text goes in double quotes",
                null);
    }

    /** A problem found while compiling the generated class, whose expression starts after {@code linesBefore}. */
    static ExpressionException semantic(String text, ExpressionType type, ExpressionScope scope, CompileException e,
                                        int linesBefore) {
        String message = message(e);
        String where = position(text, e.getLocation(), linesBefore);
        for (Pattern pattern : UNKNOWN_NAME) {
            Matcher unknown = pattern.matcher(message);
            if (unknown.find()) {
                String name = unknown.group(1);
                return new ExpressionException(text, "unknown name `" + name + "`" + where,
                        "use one of the names available here: " + String.join(", ", scope.names()), name);
            }
        }
        Matcher function = UNKNOWN_FUNCTION.matcher(message);
        if (function.find()) {
            return new ExpressionException(text, "unknown function `" + function.group(1) + "`" + where,
                    "use one of the functions " + FUNCTIONS + ", or Math.<function> from java.lang.Math", null);
        }
        Matcher wrongType = WRONG_TYPE.matcher(message);
        if (wrongType.find() && where.isEmpty()) {
            return new ExpressionException(text, "the expression is " + kindOf(wrongType.group(1)) + ", but "
                    + type.description() + " is needed here", type == ExpressionType.CONDITION
                    ? "compare it, e.g. `amount > 0` or `eq(country, \"US\")`"
                    : "compute a number; for a 0/1 flag write `(amount > 100) ? 1 : 0`", null);
        }
        return new ExpressionException(text, message + where,
                "fix the expression; numeric fields and features are doubles (NaN when missing), text fields are "
                        + "Strings (null when missing): compare them with eq(a, b)", null);
    }

    /** What a Java type is in the expression language's terms: "a number", "a condition (true or false)", "text". */
    private static String kindOf(String javaType) {
        return switch (javaType) {
            case "boolean", "java.lang.Boolean" -> ExpressionType.CONDITION.description();
            case "java.lang.String" -> "text";
            case "byte", "short", "char", "int", "long", "float", "double" -> ExpressionType.NUMBER.description();
            default -> "a " + javaType + " value";
        };
    }

    /**
     * " at column C" (one-line expressions) or " at line L, column C" within the expression; " at the end of the
     * expression" past it; empty when the location is in the generated code before it (the expression as a whole).
     */
    static String position(String text, Location location, int linesBefore) {
        if (location == null) {
            return "";
        }
        int line = location.getLineNumber() - linesBefore;
        long lines = text.lines().count();
        if (line < 1) {
            return "";
        }
        if (line > lines) {
            return " at the end of the expression";
        }
        return lines == 1 ? " at column " + location.getColumnNumber()
                : " at line " + line + ", column " + location.getColumnNumber();
    }

    /** Janino's message without its location prefix, which refers to the generated source. */
    private static String message(CompileException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Location location = e.getLocation();
        String prefix = location == null ? "" : location + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
