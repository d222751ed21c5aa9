package io.streamscore.expression;

import static io.streamscore.event.EventFixtures.transaction;
import static io.streamscore.event.EventFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.Event;
import io.streamscore.event.EventFixtures;
import io.streamscore.event.EventSchema;
import io.streamscore.features.PlanFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledExpressionTest {
    private static final ExpressionScope TRANSACTION = ExpressionScope.of(EventFixtures.TRANSACTION);
    private static final ExpressionScope WITH_FEATURES = TRANSACTION.withColumns(List.of("spend_5m", "avg_30d"));

    @Test
    void numberExpressionReadsFieldsAndFeatureColumnsByName() {
        CompiledExpression ratio = number("amount / max(avg_30d, 1.0) + spend_5m", WITH_FEATURES);
        Event event = transaction("tx-1", "user-1", 30.0, EventFixtures.T0);

        assertThat(ratio.evaluate(event.numbers, event.strings, new double[] {100.0, 20.0})).isEqualTo(101.5);
        assertThat(ratio.variables()).extracting(ExpressionVariable::identifier)
                .containsExactly("amount", "spend_5m", "avg_30d");
    }

    @Test
    void missingNumberIsNaNUnlessCoalesced() {
        Event noAmount = with(transaction(), "amount", null);

        assertThat(number("amount * 2", TRANSACTION).evaluate(noAmount.numbers, noAmount.strings, null)).isNaN();
        assertThat(number("coalesce(amount, 0) + 1", TRANSACTION).evaluate(noAmount.numbers, noAmount.strings, null))
                .isEqualTo(1.0);
        assertThat(condition("isMissing(amount)", TRANSACTION).test(noAmount.numbers, noAmount.strings, null))
                .isTrue();
        assertThat(condition("amount > 0", TRANSACTION).test(noAmount.numbers, noAmount.strings, null)).isFalse();
    }

    @Test
    void divisionByZeroIsNaNNotInfinity() {
        Event event = transaction("tx-1", "user-1", 30.0, EventFixtures.T0);

        assertThat(number("amount / 0", TRANSACTION).evaluate(event.numbers, event.strings, null)).isNaN();
        assertThat(number("log(0)", ExpressionScope.EMPTY).evaluate(event.numbers, event.strings, null)).isNaN();
    }

    @Test
    void stringFieldsCompareNullSafelyWithEq() {
        CompiledExpression french = condition("eq(country, \"FR\") && amount >= 30", TRANSACTION);
        Event event = transaction("tx-1", "user-1", 30.0, EventFixtures.T0);
        Event noCountry = with(event, "country", null);

        assertThat(french.test(event.numbers, event.strings, null)).isTrue();
        assertThat(french.test(noCountry.numbers, noCountry.strings, null)).isFalse();
        assertThat(french.failures()).isZero();
    }

    @Test
    void evaluationThatThrowsIsFalseOrNaNAndCounted() {
        CompiledExpression longId = condition("merchant_id.length() > 3", TRANSACTION);
        CompiledExpression idLength = number("merchant_id.length()", TRANSACTION);
        Event noMerchant = with(transaction(), "merchant_id", null);

        assertThat(longId.test(noMerchant.numbers, noMerchant.strings, null)).isFalse();
        assertThat(idLength.evaluate(noMerchant.numbers, noMerchant.strings, null)).isNaN();
        assertThat(longId.failures()).isEqualTo(1);
        assertThat(idLength.failures()).isEqualTo(1);
    }

    @Test
    void dottedFieldNamesAreWrittenWithUnderscores() {
        EventSchema profile = EventFixtures.builtIn("user_profile_change");
        CompiledExpression verified = condition("after_email_verified == 1 && eq(after_country, \"DE\")",
                ExpressionScope.of(profile));
        double[] numbers = profile.newNumbers();
        String[] strings = profile.newStrings();
        numbers[profile.require("after.email_verified").slot()] = 1.0;
        strings[profile.require("after.country").slot()] = "DE";

        assertThat(verified.test(numbers, strings, null)).isTrue();
    }

    @Test
    void serializedExpressionCompilesAgainAndEvaluatesTheSame() {
        CompiledExpression ratio = number("amount / max(avg_30d, 1.0)", WITH_FEATURES);
        Event event = transaction("tx-1", "user-1", 30.0, EventFixtures.T0);

        CompiledExpression copy = PlanFixtures.roundTrip(ratio);

        assertThat(copy.text()).isEqualTo(ratio.text());
        assertThat(copy.evaluate(event.numbers, event.strings, new double[] {0, 20.0})).isEqualTo(1.5);
    }

    @Test
    void unknownNameIsReportedWithItsPositionAndTheNamesAvailable() {
        assertThatThrownBy(() -> number("2 * amont", TRANSACTION)).isInstanceOfSatisfying(ExpressionException.class,
                e -> {
                    assertThat(e.unknownName()).isEqualTo("amont");
                    assertThat(e.problem()).isEqualTo("unknown name `amont` at column 5");
                    assertThat(e.fix()).contains("amount", "merchant_id");
                    assertThat(e.getMessage()).startsWith("expression '2 * amont': unknown name");
                });
    }

    @Test
    void typeErrorCarriesJaninosMessageAndTheColumn() {
        assertThatThrownBy(() -> condition("amount > \"100\"", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.problem())
                        .isEqualTo("Cannot compare types \"double\" and \"java.lang.String\" at column 10"));
    }

    @Test
    void numberWhereAConditionIsNeededIsExplained() {
        assertThatThrownBy(() -> condition("amount * 2", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.problem()).isEqualTo("the expression is a number, but a condition (true or "
                            + "false) is needed here");
                    assertThat(e.fix()).contains("amount > 0");
                });
        assertThatThrownBy(() -> number("eq(country, \"FR\")", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.problem())
                        .isEqualTo("the expression is a condition (true or false), but a number is needed here"));
    }

    @Test
    void syntaxErrorsPointIntoTheExpressionAsWritten() {
        assertThatThrownBy(() -> number("amount +", TRANSACTION)).isInstanceOfSatisfying(ExpressionException.class,
                e -> assertThat(e.problem()).startsWith("syntax error: ").endsWith("at column 8"));
        assertThatThrownBy(() -> number("amount\n  * * 2", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.problem())
                        .startsWith("syntax error: ").endsWith("at line 2, column 5"));
    }

    @Test
    void onlyOneExpressionIsAccepted() {
        assertThatThrownBy(() -> number("1); } public void steal() { (2", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.problem())
                        .isEqualTo("unexpected `)` after the end of the expression at column 2"));
        assertThatThrownBy(() -> number("$numbers[0]", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.problem())
                        .isEqualTo("unknown name `$numbers` at column 1"));
        assertThatThrownBy(() -> number("  ", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.problem())
                        .isEqualTo("the expression is empty"));
    }

    @Test
    void unknownFunctionListsTheLibrary() {
        assertThatThrownBy(() -> number("maximum(amount, 1)", TRANSACTION))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.problem()).isEqualTo("unknown function `maximum` at column 1");
                    assertThat(e.fix()).contains("coalesce", "eq", "isMissing", "log1p", "max", "Math.");
                });
    }

    @ParameterizedTest
    @CsvSource({"'max(2, 3)', 3", "'min(2, 3)', 2", "'max(0.0 / 0.0, 1)', 1", "'min(1, 0.0 / 0.0)', 1",
            "'isMissing(max(0.0 / 0.0, 0.0 / 0.0)) ? 1 : 0', 1", "'abs(-2)', 2", "'log(1)', 0", "'log1p(0)', 0",
            "'exp(0)', 1", "'sqrt(9)', 3", "'pow(2, 10)', 1024", "'coalesce(0.0 / 0.0, 7)', 7", "'coalesce(5, 7)', 5",
            "'isMissing(0.0 / 0.0) ? 1 : 0', 1", "'eq(null, null) ? 1 : 0', 1", "'Math.floor(2.5)', 2"})
    void functionLibraryNeedsNoPrefixAndMaxMinSkipMissingArguments(String text, double expected) {
        assertThat(number(text, ExpressionScope.EMPTY).evaluate(new double[0], new String[0], null))
                .isEqualTo(expected);
    }

    @Test
    void numberExpressionCannotBeTestedAsACondition() {
        CompiledExpression ratio = number("amount", TRANSACTION);
        Event event = transaction();

        assertThatThrownBy(() -> ratio.test(event.numbers, event.strings, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is a number, not a condition");
    }

    private static CompiledExpression number(String text, ExpressionScope scope) {
        return CompiledExpression.compile(text, ExpressionType.NUMBER, scope);
    }

    private static CompiledExpression condition(String text, ExpressionScope scope) {
        return CompiledExpression.compile(text, ExpressionType.CONDITION, scope);
    }
}
