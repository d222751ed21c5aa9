package io.streamscore.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.EventFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expression language is the documented one, not all of Java: a spec cannot reach the environment, the file
 * system, the network, reflection or unbounded allocation, and is told so at load time with the position.
 */
class ExpressionLanguageTest {
    private static final ExpressionScope TRANSACTION = ExpressionScope.of(EventFixtures.TRANSACTION);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "System.getenv(\"HOME\") != null | the class or package `System` is not part of the expression language"
                    + " at column 1",
            "java.lang.System.exit(0) == null | the class or package `java` is not part of the expression language",
            "Runtime.getRuntime().availableProcessors() > 0 | the class or package `Runtime`",
            "new double[1 << 30].length > amount | `new` is not part of the expression language at column 1",
            "getClass() != null | `getClass(...)` is not part of the expression language at column 1",
            "amount > 0 && test(null, null, null) | `test(...)` is not part of the expression language at column 15",
            "merchant_id.getClass().getName() != null | `.getClass(...)` is not part of the expression language",
            "merchant_id.repeat(1000000000).length() > 0 | `.repeat(...)` is not part of the expression language",
            "Integer.getInteger(\"user.home\") != null | `.getInteger(...)` is not part of the expression language",
            "Class.forName(merchant_id) != null | the class or package `Class`",
            "this.hashCode() > 0 | `this` is not part of the expression language",
            "String.class != null | `class` is not part of the expression language",
            "Math.class.getClassLoader() != null | `class` is not part of the expression language"})
    void refusesWhatIsNotTheLanguageNamingWhereItIs(String expression, String problem) {
        assertThatThrownBy(() -> CompiledExpression.compile(expression, ExpressionType.CONDITION, TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.problem()).startsWith(problem);
                    assertThat(e.fix()).contains("docs/spec.md#expressions", "Math.*");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math.floor(amount) > 1", "StrictMath.abs(amount) >= Math.PI", "Double.isNaN(amount)",
            "Integer.parseInt(\"12\") + Long.MAX_VALUE > amount", "merchant_id.length() > 3",
            "merchant_id.toLowerCase().startsWith(\"m\")", "\"abc\".contains(merchant_id)", "eq(country, \"US\")",
            "max(amount, 1) > coalesce(amount, 0) && !isMissing(country)", "String.valueOf(amount).length() > 0",
            "Character.isDigit(merchant_id.charAt(0))", "amount > 0 /* a comment: System.exit */"})
    void acceptsTheDocumentedLanguage(String expression) {
        CompiledExpression compiled = CompiledExpression.compile(expression, ExpressionType.CONDITION, TRANSACTION);

        assertThat(compiled.text()).isEqualTo(expression);
    }
}
