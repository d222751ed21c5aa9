package io.streamscore.expression;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;
import org.codehaus.janino.Parser;
import org.codehaus.janino.Scanner;
import org.codehaus.janino.Token;
import org.codehaus.janino.TokenType;

/**
 * Turns expression text into bytecode with Janino. The expression becomes the return value of one generated method
 * whose locals are the variables it names, read from the event's arrays:
 * <pre>
 * public double evaluate(double[] $numbers, String[] $strings, double[] $features) {
 * final double amount = $numbers[0];
 * return (
 * amount / max(user_avg_amount_30d, 1.0)
 * );
 * }
 * </pre>
 * Only the names the expression uses are declared, so an evaluation reads just those slots. The text is first
 * parsed on its own as exactly one expression, so it cannot close the method and add code around it, and syntax
 * errors carry positions in the text as written.
 */
final class ExpressionCompiler {
    private static final String FUNCTIONS_IMPORT = "static " + ExpressionFunctions.class.getName() + ".*";

    private ExpressionCompiler() {}

    /** The variables of {@code scope} that {@code text} names, in scope order; checks that it is one expression. */
    static List<ExpressionVariable> bind(String text, ExpressionScope scope) {
        if (text.isBlank()) {
            throw new ExpressionException(text, "the expression is empty",
                    "write an expression over the event's fields, e.g. `amount > 0`", null);
        }
        Set<String> identifiers;
        try {
            identifiers = parse(text);
        } catch (ExpressionException e) {
            throw reservedFieldName(text, scope).orElse(e);
        }
        try {
            ExpressionLanguage.check(text, scanner(text), scope.variables().stream()
                    .map(ExpressionVariable::identifier).collect(Collectors.toSet()));
        } catch (CompileException | IOException e) {
            throw new IllegalStateException("an expression that parsed could not be scanned again: " + text, e);
        }
        RegexCalls.prepare(text); // refuses a `matches` pattern RE2 cannot run, with its position
        return scope.variables().stream().filter(v -> identifiers.contains(v.identifier())).toList();
    }

    /**
     * When an expression that does not parse names a field by its reserved-word name ({@code class}), the error
     * says how the field is written ({@code class_}) instead of only "unexpected token".
     */
    private static Optional<ExpressionException> reservedFieldName(String text, ExpressionScope scope) {
        try {
            Scanner scanner = scanner(text);
            for (Token token = scanner.produce(); token.type != TokenType.END_OF_INPUT; token = scanner.produce()) {
                if (token.type == TokenType.KEYWORD && scope.variable(token.value + "_").isPresent()) {
                    return Optional.of(new ExpressionException(text, "`" + token.value + "` is a reserved word of "
                            + "the expression language" + CompileErrors.position(text, token.getLocation(), 0),
                            "the field `" + token.value + "` is written `" + token.value + "_` in expressions",
                            null));
                }
            }
        } catch (CompileException | IOException e) {
            // Not even a sequence of tokens: the parser's own error says where.
        }
        return Optional.empty();
    }

    /** The number of generated lines before the expression's first line. */
    static int linesBefore(List<ExpressionVariable> variables) {
        return variables.size() + 2;
    }

    /**
     * Compiles the expression into a new instance of {@link CompiledExpression.NumberCode} or
     * {@link CompiledExpression.ConditionCode}, in its own class loader; {@code text.matches(regex)} as RE2's
     * {@code matches(text, regex)} ({@link RegexCalls}).
     */
    static Object cook(String text, ExpressionType type, List<ExpressionVariable> variables) throws CompileException {
        String compiled = RegexCalls.prepare(text);
        try {
            return cookAs(compiled, type, variables);
        } catch (CompileException e) {
            if (!compiled.equals(text)) {
                cookAs(text, type, variables); // its error has positions in the text as written
            }
            throw e;
        }
    }

    private static Object cookAs(String text, ExpressionType type, List<ExpressionVariable> variables)
            throws CompileException {
        boolean number = type == ExpressionType.NUMBER;
        StringBuilder source = new StringBuilder("public ").append(type.javaType())
                .append(number ? " evaluate" : " test")
                .append("(double[] $numbers, String[] $strings, double[] $features) {\n");
        variables.forEach(variable -> source.append(variable.declaration()).append('\n'));
        source.append("return (\n").append(text).append("\n);\n}\n");

        ClassBodyEvaluator evaluator = new ClassBodyEvaluator();
        evaluator.setParentClassLoader(ExpressionCompiler.class.getClassLoader());
        evaluator.setDefaultImports(FUNCTIONS_IMPORT);
        evaluator.setImplementedInterfaces(new Class<?>[] {
                number ? CompiledExpression.NumberCode.class : CompiledExpression.ConditionCode.class});
        evaluator.cook(source.toString());
        try {
            return evaluator.getClazz().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated expression class cannot be instantiated: " + text, e);
        }
    }

    /** Parses the text as exactly one expression and returns the identifiers it contains. */
    private static Set<String> parse(String text) {
        try {
            Parser parser = new Parser(scanner(text));
            parser.parseExpression();
            Token next = parser.peek();
            if (next.type != TokenType.END_OF_INPUT) {
                throw new ExpressionException(text, "unexpected `" + next.value + "` after the end of the expression"
                        + CompileErrors.position(text, next.getLocation(), 0),
                        "write a single expression; check that parentheses match", null);
            }
            return identifiers(text);
        } catch (CompileException e) {
            throw CompileErrors.syntax(text, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> identifiers(String text) throws CompileException, IOException {
        Set<String> identifiers = new HashSet<>();
        Scanner scanner = scanner(text);
        for (Token token = scanner.produce(); token.type != TokenType.END_OF_INPUT; token = scanner.produce()) {
            if (token.type != TokenType.IDENTIFIER) {
                continue;
            }
            if (token.value.startsWith("$")) {
                // The generated method's own parameters start with '$': an expression must not reach them.
                throw new ExpressionException(text, "unknown name `" + token.value + "`"
                        + CompileErrors.position(text, token.getLocation(), 0),
                        "use the names of fields and features; names starting with '$' are reserved", token.value);
            }
            identifiers.add(token.value);
        }
        return identifiers;
    }

    /** A trailing newline ends a {@code //} comment, which Janino's scanner requires. */
    private static Scanner scanner(String text) throws IOException {
        return new Scanner(null, new StringReader(text + "\n"));
    }
}
