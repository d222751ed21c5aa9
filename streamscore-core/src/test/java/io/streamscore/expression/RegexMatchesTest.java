package io.streamscore.expression;

import static io.streamscore.event.EventFixtures.transaction;
import static io.streamscore.event.EventFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.Event;
import io.streamscore.event.EventFixtures;
import io.streamscore.features.PlanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code matches} runs RE2 (linear time in the text), in its function form {@code matches(text, regex)} and its
 * method form {@code text.matches(regex)}, which used to run {@code String.matches}: a pattern with catastrophic
 * backtracking stalled the task thread. Patterns RE2 cannot run are refused when the spec loads, with the position.
 */
class RegexMatchesTest {
    private static final ExpressionScope TRANSACTION = ExpressionScope.of(EventFixtures.TRANSACTION);

    /**
     * On a TaskManager the expression is compiled again after deserialization: the method form must be rewritten
     * there too. A separate thread, so that a matcher that never returns fails the test after 10 s, not hangs it.
     */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theMethodFormStaysLinearTimeAfterSerialization() {
        CompiledExpression copy = PlanFixtures.roundTrip(condition("merchant_id.matches(\"(a+)+$\")"));
        Event noMatch = with(transaction(), "merchant_id", "a".repeat(100_000) + "!");

        assertThat(copy.test(noMatch.numbers, noMatch.strings, null)).isFalse();
        assertThat(copy.failures()).isZero();
    }

    /** A separate thread, so that a matcher that never returns fails the test after 10 s instead of hanging it. */
    @ParameterizedTest
    @ValueSource(strings = {"matches(merchant_id, \"(a+)+$\")", "merchant_id.matches(\"(a+)+$\")",
            "matches(merchant_id, \"(a|aa)+$\")"})
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPathologicalPatternAgainstA100KCharacterTextIsAnsweredInLinearTime(String text) {
        CompiledExpression pathological = condition(text);
        Event noMatch = with(transaction(), "merchant_id", "a".repeat(100_000) + "!");
        Event match = with(transaction(), "merchant_id", "a".repeat(100_000));

        assertThat(pathological.test(noMatch.numbers, noMatch.strings, null)).isFalse();
        assertThat(pathological.test(match.numbers, match.strings, null)).isTrue();
        assertThat(pathological.failures()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "matches(merchant_id, \"(m)-\\\\1\") | (m)-\\1 | invalid escape sequence: `\\1` | 22",
            "merchant_id.matches(\"(?=m)m.*\") | (?=m)m.* | invalid or unsupported Perl syntax: `(?=` | 21",
            "merchant_id.matches(\"(?<!x)m\") | (?<!x)m | invalid named capture: `(?<!x)m` | 21",
            "matches(merchant_id, \"(?>m)\") | (?>m) | invalid or unsupported Perl syntax: `(?>` | 22",
            "amount > 1 && matches(merchant_id, \"m*+\") | m*+ | invalid nested repetition operator: `*+` | 36",
            "matches(merchant_id, \"(m\") | (m | missing closing ): `(m` | 22"})
    void aPatternRe2CannotRunIsRefusedAtValidationWithItsPosition(String text, String pattern, String why,
                                                                   int column) {
        assertThatThrownBy(() -> condition(text)).isInstanceOfSatisfying(ExpressionException.class, e -> {
            assertThat(e.problem()).isEqualTo("the pattern \"" + pattern + "\" of `matches` is not valid RE2 syntax ("
                    + why + ") at column " + column);
            assertThat(e.fix()).contains("RE2 syntax", "linear", "backreferences", "lookahead or lookbehind",
                    "exponential time");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "merchant_id.matches(\"m-[0-9]+\") | true",
            "matches(merchant_id, \"m-\\\\d+\") | true",
            "merchant_id.matches(\"m-4\") | false",
            "!merchant_id.toLowerCase().matches(\"x.*\") && amount >= 30 | true",
            "amount < 100 && merchant_id.matches(\"M-42\") == false && eq(country, \"FR\") | true",
            "matches(String.valueOf(amount), \"30[.]0\") | true"})
    void matchesKeepsStringMatchesSemanticsWholeTextInBothForms(String text, boolean expected) {
        Event event = transaction("tx-1", "user-1", 30.0, EventFixtures.T0); // merchant m-42, country FR

        CompiledExpression compiled = condition(text);

        assertThat(compiled.test(event.numbers, event.strings, null)).isEqualTo(expected);
        assertThat(compiled.text()).isEqualTo(text);
    }

    @Test
    void aRewrittenMethodCallKeepsOperatorPrecedenceInANumber() {
        CompiledExpression flagged = CompiledExpression.compile("merchant_id.matches(\"m-4.\") ? 1 + amount * 2 : 0",
                ExpressionType.NUMBER, TRANSACTION);
        Event event = transaction("tx-1", "user-1", 30.0, EventFixtures.T0);

        assertThat(flagged.evaluate(event.numbers, event.strings, null)).isEqualTo(61);
    }

    @Test
    void aMissingTextMatchesNothingInBothForms() {
        Event noMerchant = with(transaction(), "merchant_id", null);

        for (String text : new String[] {"matches(merchant_id, \".*\")", "merchant_id.matches(\".*\")"}) {
            CompiledExpression compiled = condition(text);
            assertThat(compiled.test(noMerchant.numbers, noMerchant.strings, null)).as(text).isFalse();
        }
    }

    @Test
    void aPatternFromAFieldThatRe2RefusesFailsThatEventOnlyAndIsCounted() {
        CompiledExpression byField = condition("matches(country, merchant_id)");
        Event refused = with(transaction(), "merchant_id", "(F)\\1");
        Event valid = with(transaction(), "merchant_id", "F.");

        assertThat(byField.test(refused.numbers, refused.strings, null)).isFalse();
        assertThat(byField.test(valid.numbers, valid.strings, null)).isTrue();
        assertThat(byField.failures()).isEqualTo(1);
    }

    @Test
    void anErrorElsewhereInAnExpressionWithTheMethodFormPointsIntoTheTextAsWritten() {
        assertThatThrownBy(() -> condition("merchant_id.matches(\"m.*\") && amount > \"1\""))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.problem())
                        .isEqualTo("Cannot compare types \"double\" and \"java.lang.String\" at column 40"));
    }

    private static CompiledExpression condition(String text) {
        return CompiledExpression.compile(text, ExpressionType.CONDITION, TRANSACTION);
    }
}
