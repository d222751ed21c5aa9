package io.streamscore.expression;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.Scanner;
import org.codehaus.janino.Token;
import org.codehaus.janino.TokenType;

/**
 * What an expression may use besides its fields and features, checked on its tokens before Janino compiles it: the
 * language of docs/spec.md, not all of Java. Allowed: operators, literals, the functions of
 * {@link ExpressionFunctions}, every member of {@code Math} and {@code StrictMath}, the static members of the boxed
 * value classes and {@code String} ({@code Integer.parseInt}, {@code Double.isNaN}, ...; not the three that read
 * JVM system properties), and a fixed set of text methods on a value ({@code merchant_id.length()}). Refused, with
 * the token's position: Java keywords ({@code new}, {@code this}, {@code class}, ...), lambdas and method
 * references, any other class ({@code System}, {@code Runtime}, {@code java.lang...}), any other method on a value
 * or on the generated class ({@code getClass()}, {@code wait()}), so a spec cannot read the environment, touch files
 * or the network, or allocate beyond its inputs. Unknown plain names are left to the compiler, which suggests the
 * closest field.
 */
final class ExpressionLanguage {
    static final Set<String> FUNCTIONS = Arrays.stream(ExpressionFunctions.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
            .map(Method::getName).collect(Collectors.toUnmodifiableSet());
    /**
     * Methods an unqualified call would find on the class the expression is compiled into (Object's, and its own
     * evaluate/test, which would recurse): any other unknown function is the compiler's to report, with the list.
     */
    private static final Set<String> GENERATED_CLASS_METHODS = Stream.concat(
            Arrays.stream(Object.class.getDeclaredMethods()).map(Method::getName), Stream.of("evaluate", "test"))
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "io", "net");
    private static final Set<String> MATH_CLASSES = Set.of("Math", "StrictMath");
    private static final Set<String> VALUE_CLASSES =
            Set.of("Integer", "Long", "Double", "Float", "Short", "Byte", "Boolean", "Character", "String");
    /** Static members of the value classes that read JVM system properties, not values. */
    private static final Set<String> PROPERTY_READERS = Set.of("getInteger", "getLong", "getBoolean");
    private static final Set<String> TEXT_METHODS = Set.of("length", "isEmpty", "isBlank", "charAt", "startsWith",
            "endsWith", "contains", "equals", "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "indexOf",
            "lastIndexOf", "substring", "toLowerCase", "toUpperCase", "trim", "strip", "matches");
    private static final String FIX = "use fields, features, operators, the functions max, min, abs, log, log1p, exp,"
            + " sqrt, pow, coalesce, isMissing, eq and matches, Math.*, parsing such as Integer.parseInt, and text"
            + " methods such as length() and startsWith(...) (docs/spec.md#expressions)";

    private ExpressionLanguage() {}

    /**
     * Refuses anything outside the language, naming the first such token and its position.
     *
     * @throws ExpressionException for a keyword, lambda, method reference, class or method that is not allowed
     */
    static void check(String text, Scanner scanner, Set<String> variables) throws CompileException, IOException {
        List<Token> tokens = new ArrayList<>();
        for (Token token = scanner.produce(); token.type != TokenType.END_OF_INPUT; token = scanner.produce()) {
            if (token.type != TokenType.WHITE_SPACE && token.type != TokenType.C_PLUS_PLUS_STYLE_COMMENT
                    && token.type != TokenType.C_STYLE_COMMENT) {
                tokens.add(token);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String refusal = refusal(tokens, i, variables);
            if (refusal != null) {
                throw new ExpressionException(text, refusal + CompileErrors.position(text, token.getLocation(), 0),
                        FIX, null);
            }
        }
    }

    /** Why token {@code i} is refused, or null. */
    private static String refusal(List<Token> tokens, int i, Set<String> variables) {
        Token token = tokens.get(i);
        if (token.type == TokenType.KEYWORD) {
            return "`" + token.value + "` is not part of the expression language";
        }
        if (token.type == TokenType.OPERATOR && (token.value.equals("->") || token.value.equals("::"))) {
            return "lambdas and method references (`" + token.value + "`) are not part of the expression language";
        }
        if (token.type != TokenType.IDENTIFIER) {
            return null;
        }
        boolean member = is(tokens, i - 1, ".");
        boolean called = is(tokens, i + 1, "(");
        if (member) {
            String owner = i >= 2 && tokens.get(i - 2).type == TokenType.IDENTIFIER && !is(tokens, i - 3, ".")
                    ? tokens.get(i - 2).value : null;
            boolean staticMember = owner != null && !variables.contains(owner) && (MATH_CLASSES.contains(owner)
                    || VALUE_CLASSES.contains(owner) && !PROPERTY_READERS.contains(token.value));
            if (staticMember || called && TEXT_METHODS.contains(token.value)) {
                return null;
            }
            return "`." + token.value + (called ? "(...)" : "") + "` is not part of the expression language";
        }
        boolean qualifier = is(tokens, i + 1, ".") && !variables.contains(token.value)
                && !MATH_CLASSES.contains(token.value) && !VALUE_CLASSES.contains(token.value);
        if (qualifier && (Character.isUpperCase(token.value.charAt(0)) || isPackage(token.value))) {
            return "the class or package `" + token.value + "` is not part of the expression language";
        }
        if (called && !FUNCTIONS.contains(token.value) && GENERATED_CLASS_METHODS.contains(token.value)) {
            return "`" + token.value + "(...)` is not part of the expression language";
        }
        return null;
    }

    /** Leading names of the JDK's packages (java.lang.System, javax..., sun..., jdk...) and common others. */
    private static boolean isPackage(String name) {
        return PACKAGE_ROOTS.contains(name);
    }

    private static boolean is(List<Token> tokens, int i, String operator) {
        return i >= 0 && i < tokens.size() && tokens.get(i).type == TokenType.OPERATOR
                && tokens.get(i).value.equals(operator);
    }
}
