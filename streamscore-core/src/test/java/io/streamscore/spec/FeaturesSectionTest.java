package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.features.Aggregation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeaturesSectionTest {
    @Test
    void windowedFeatureTakesItsSourceKeyAndDefaults() {
        PipelineSpec spec = draft(feature("name", "user_spend_5m", "aggregation", "sum", "field", "amount",
                "window", "5m")).load();

        FeatureSpec feature = spec.features().windowed().get(0);
        assertThat(feature).isEqualTo(new FeatureSpec("user_spend_5m", "transactions", List.of("user_id"),
                Aggregation.SUM, "amount", Duration.ofMinutes(5), null, null, 0, 0));
        assertThat(spec.features().derived()).isEmpty();
    }

    @Test
    void everySettingIsRead() {
        PipelineSpec spec = draft(
                feature("name", "card_user_merchants_1d", "source", "transactions", "key", List.of("card_id",
                        "user_id"), "aggregation", "DISTINCT_COUNT", "field", "merchant_id", "window", "1d",
                        "tile", "1m", "filter", "amount > 0", "cap", 50),
                feature("name", "last_amounts", "aggregation", "last_n", "field", "amount", "window", "1h", "n", 3))
                .load();

        assertThat(spec.features().windowed()).containsExactly(
                new FeatureSpec("card_user_merchants_1d", "transactions", List.of("card_id", "user_id"),
                        Aggregation.DISTINCT_COUNT, "merchant_id", Duration.ofDays(1), Duration.ofMinutes(1),
                        "amount > 0", 0, 50),
                new FeatureSpec("last_amounts", "transactions", List.of("user_id"), Aggregation.LAST_N, "amount",
                        Duration.ofHours(1), null, null, 3, 0));
        assertThat(spec.features().windowed().get(1).columns())
                .containsExactly("last_amounts_1", "last_amounts_2", "last_amounts_3");
    }

    @Test
    void distinctCountCapDefaultsToAThousand() {
        PipelineSpec spec = draft(feature("name", "merchants_1d", "aggregation", "distinct_count",
                "field", "merchant_id", "window", "1d")).load();

        assertThat(spec.features().windowed().get(0).distinctCap()).isEqualTo(1000);
    }

    @Test
    void featuresWrittenAsAMapAskForAList() {
        SpecError error = SpecDraft.minimal().set("features", Map.of("user_spend_5m", Map.of())).onlyError();

        assertThat(error.path()).isEqualTo("features");
        assertThat(error.problem()).isEqualTo("expected a list of features, found a map");
        assertThat(error.fix()).contains("`- name: user_spend_5m`");
    }

    @Test
    void unknownKeySuggestsTheClosestOne() {
        SpecError error = draft(feature("name", "n_5m", "aggregation", "count", "windwo", "5m", "window", "5m"))
                .onlyError();

        assertThat(error.path()).isEqualTo("features[0].windwo");
        assertThat(error.problem()).isEqualTo("unknown key `windwo` in `features[0]`");
        assertThat(error.fix()).startsWith("did you mean `window`?");
    }

    @Test
    void featureNameMustBeALowercaseIdentifier() {
        SpecError error = draft(count("UserCount5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].name");
        assertThat(error.problem()).isEqualTo("'UserCount5m' is not a valid feature name");
        assertThat(error.fix()).contains("e.g. `user_count5m`");
    }

    @Test
    void featureNameMustNotBeAJavaKeyword() {
        SpecError error = draft(count("new")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].name");
        assertThat(error.problem()).isEqualTo("'new' is a Java keyword, so expressions could not name this feature");
    }

    @Test
    void featureNameUsedTwiceIsReportedAtTheSecond() {
        SpecError error = draft(count("clicks_5m"), count("clicks_5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[1].name");
        assertThat(error.problem()).isEqualTo("feature column `clicks_5m` is already defined at features[0]");
        assertThat(error.fix()).isEqualTo("give each feature its own name");
    }

    @Test
    void lastNColumnsCollideWithOtherNames() {
        SpecError error = draft(feature("name", "amounts", "aggregation", "last_n", "field", "amount",
                "window", "1h", "n", 2), count("amounts_2")).onlyError();

        assertThat(error.path()).isEqualTo("features[1].name");
        assertThat(error.problem()).isEqualTo("feature column `amounts_2` is already defined at features[0]");
    }

    @Test
    void featureNamedLikeAFieldOfItsSourceIsRefused() {
        SpecError error = draft(feature("name", "amount", "aggregation", "sum", "field", "amount", "window", "5m"))
                .onlyError();

        assertThat(error.path()).isEqualTo("features[0].name");
        assertThat(error.problem()).startsWith("`amount` is a field of source `transactions` (amount)");
        assertThat(error.fix()).contains("e.g. `amount_5m`");
    }

    @Test
    void missingAggregationOffersAggregationsOrAnExpression() {
        SpecError error = draft(feature("name", "spend_5m", "field", "amount", "window", "5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].aggregation");
        assertThat(error.problem()).isEqualTo("required key `aggregation` is missing");
        assertThat(error.fix()).contains("count, sum, avg", "last_n", "`expression:`");
    }

    @Test
    void misspelledAggregationSuggestsTheClosest() {
        SpecError error = draft(feature("name", "spend_5m", "aggregation", "sums", "field", "amount",
                "window", "5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].aggregation");
        assertThat(error.problem()).isEqualTo("'sums' is not a valid aggregation");
        assertThat(error.fix()).startsWith("did you mean `sum`?").doesNotContain("default");
    }

    @Test
    void sumNeedsAField() {
        SpecError error = draft(feature("name", "spend_5m", "aggregation", "sum", "window", "5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].field");
        assertThat(error.problem()).isEqualTo("required key `field` is missing: sum aggregates a field");
    }

    @Test
    void numericAggregationOfATextFieldPointsToDistinctCounts() {
        SpecError error = draft(feature("name", "countries", "aggregation", "avg", "field", "country",
                "window", "5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].field");
        assertThat(error.problem()).startsWith("field 'country' is a string field").contains("distinct_count");
        assertThat(error.fix()).contains("amount");
    }

    @Test
    void unknownFieldSuggestsTheClosest() {
        SpecError error = draft(feature("name", "spend_5m", "aggregation", "sum", "field", "amout",
                "window", "5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].field");
        assertThat(error.problem()).isEqualTo("field 'amout' is not in schema 'transaction'");
        assertThat(error.fix()).startsWith("did you mean `amount`?");
    }

    @Test
    void windowIsRequiredAndBounded() {
        assertThat(draft(feature("name", "n", "aggregation", "count")).onlyError()).satisfies(error -> {
            assertThat(error.path()).isEqualTo("features[0].window");
            assertThat(error.problem()).isEqualTo("required key `window` is missing");
        });
        assertThat(draft(feature("name", "n", "aggregation", "count", "window", "500ms")).onlyError())
                .satisfies(error -> {
                    assertThat(error.problem()).isEqualTo("'500ms' is shorter than the minimum 1s");
                    assertThat(error.fix()).isEqualTo("write a duration from 1s to 30d");
                });
        assertThat(draft(feature("name", "n", "aggregation", "count", "window", "31d")).onlyError().problem())
                .isEqualTo("'31d' is longer than the maximum 30d");
    }

    @Test
    void tileLongerThanTheWindowIsRefused() {
        SpecError error = draft(feature("name", "n_5m", "aggregation", "count", "window", "5m", "tile", "10m"))
                .onlyError();

        assertThat(error.path()).isEqualTo("features[0].tile");
        assertThat(error.problem()).isEqualTo("tile 10m is longer than the window 5m");
        assertThat(error.fix()).isEqualTo("use a tile from 3ms up to the window, or leave it out for window / 300 "
                + "(1s)");
    }

    @ParameterizedTest
    @CsvSource({"1s, 1s", "0, 0s"})
    void tileTooFineForItsWindowIsRefusedWithTheWindowsMinimum(String written, String tile) {
        Object yaml = "0".equals(written) ? 0 : written; // `tile: 0`, the bare number that needs no unit
        SpecError error = draft(feature("name", "n_30d", "aggregation", "count", "window", "30d", "tile", yaml))
                .onlyError();

        assertThat(error.path()).isEqualTo("features[0].tile");
        assertThat(error.problem()).isEqualTo("tile " + tile + " cuts the window 30d into more than 100000 tiles, "
                + "each kept in state");
        assertThat(error.fix()).startsWith("use a tile from 25920ms up to the window");
    }

    @Test
    void lastNNeedsNWithinItsRange() {
        Map<String, Object> lastN = feature("name", "amounts", "aggregation", "last_n", "field", "amount",
                "window", "1h");
        assertThat(draft(lastN).onlyError()).satisfies(error -> {
            assertThat(error.path()).isEqualTo("features[0].n");
            assertThat(error.problem()).isEqualTo("required key `n` is missing: last_n needs to know how many "
                    + "values to keep");
            assertThat(error.fix()).contains("amounts_1".replace("amounts", "<name>"));
        });
        lastN.put("n", 17);
        assertThat(draft(lastN).onlyError()).satisfies(error -> {
            assertThat(error.problem()).isEqualTo("`17` is out of range: n must be between 1 and 16");
            assertThat(error.fix()).isEqualTo("write a whole number from 1 to 16");
        });
    }

    @Test
    void parametersOfOtherAggregationsAreRefused() {
        SpecError n = draft(feature("name", "spend_5m", "aggregation", "sum", "field", "amount", "window", "5m",
                "n", 3)).onlyError();
        SpecError cap = draft(feature("name", "spend_5m", "aggregation", "approx_distinct", "field", "amount",
                "window", "5m", "cap", 10)).onlyError();

        assertThat(n.path()).isEqualTo("features[0].n");
        assertThat(n.problem()).isEqualTo("`n` applies only to last_n, not to sum");
        assertThat(n.fix()).isEqualTo("remove `n`");
        assertThat(cap.path()).isEqualTo("features[0].cap");
        assertThat(cap.problem()).isEqualTo("`cap` applies only to distinct_count, not to approx_distinct");
    }

    @Test
    void distinctCapIsBounded() {
        SpecError error = draft(feature("name", "merchants_1d", "aggregation", "distinct_count",
                "field", "merchant_id", "window", "1d", "cap", 100_001)).onlyError();

        assertThat(error.path()).isEqualTo("features[0].cap");
        assertThat(error.fix()).isEqualTo("write a whole number from 1 to 100000 (default 1000)");
    }

    @Test
    void keyFieldsMustBeTextOrLongFieldsOfTheSource() {
        SpecError doubleKey = draft(feature("name", "n_5m", "aggregation", "count", "window", "5m",
                "key", "amount")).onlyError();
        SpecError unknown = draft(feature("name", "n_5m", "aggregation", "count", "window", "5m",
                "key", List.of("user_id", "card"))).onlyError();
        SpecError empty = draft(feature("name", "n_5m", "aggregation", "count", "window", "5m",
                "key", List.of())).onlyError();

        assertThat(doubleKey.path()).isEqualTo("features[0].key");
        assertThat(doubleKey.problem()).startsWith("field 'amount' is a double field, but key must be a string or "
                + "long field");
        assertThat(unknown.path()).isEqualTo("features[0].key[1]");
        assertThat(unknown.problem()).isEqualTo("field 'card' is not in schema 'transaction'");
        assertThat(empty.problem()).isEqualTo("`key` is an empty list");
    }

    @Test
    void sourceIsRequiredWhenThePipelineHasSeveral() {
        SpecError error = withClicks().set("features", List.of(count("n_5m"))).onlyError();

        assertThat(error.path()).isEqualTo("features[0].source");
        assertThat(error.problem()).isEqualTo("required key `source` is missing: the pipeline has 2 sources");
        assertThat(error.fix()).endsWith("one of: transactions, clicks");
    }

    @Test
    void unknownSourceSuggestsTheClosest() {
        Map<String, Object> feature = count("n_5m");
        feature.put("source", "transaction");

        SpecError error = draft(feature).onlyError();

        assertThat(error.path()).isEqualTo("features[0].source");
        assertThat(error.problem()).isEqualTo("'transaction' is not a source of this pipeline");
        assertThat(error.fix()).isEqualTo("did you mean `transactions`? use one of the sources: transactions");
    }

    @Test
    void filterThatDoesNotCompileIsReportedWithTheExpression() {
        Map<String, Object> feature = count("small_5m");
        feature.put("filter", "amount < \"5\"");

        SpecError error = draft(feature).onlyError();

        assertThat(error.path()).isEqualTo("features[0].filter");
        assertThat(error.problem()).isEqualTo("'amount < \"5\"': Cannot compare types \"double\" and "
                + "\"java.lang.String\" at column 10");
    }

    @Test
    void filterMustBeACondition() {
        Map<String, Object> feature = count("small_5m");
        feature.put("filter", "amount");

        SpecError error = draft(feature).onlyError();

        assertThat(error.problem()).isEqualTo("'amount': the expression is a number, but a condition (true or "
                + "false) is needed here");
        assertThat(error.fix()).contains("amount > 0");
    }

    @Test
    void brokenSourceIsReportedOnceWithoutFeatureErrorsFollowingFromIt() {
        SpecError error = draft(feature("name", "spend_5m", "aggregation", "sum", "field", "amount", "window", "5m"),
                feature("name", "ratio", "expression", "amount / spend_5m"))
                .set("sources.transactions.event_time", "time").onlyError();

        assertThat(error.path()).isEqualTo("sources.transactions.event_time");
    }

    @Test
    void emptyFeaturesListMeansNoFeatures() {
        assertThat(SpecDraft.minimal().set("features", List.of()).load().features()).isEqualTo(FeaturesSpec.NONE);
        assertThat(SpecDraft.minimal().load().features()).isEqualTo(FeaturesSpec.NONE);
    }

    /** A feature's settings in the order given: keys and values alternate. */
    static Map<String, Object> feature(Object... keysAndValues) {
        Map<String, Object> feature = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            feature.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return feature;
    }

    static SpecDraft withClicks() {
        return SpecDraft.minimal().set("sources.clicks", Map.of("topic", "clicks", "schema", "click",
                "key", "user_id", "event_time", "event_time"));
    }

    static Map<String, Object> count(String name) {
        return feature("name", name, "aggregation", "count", "window", "5m");
    }

    @SafeVarargs
    static SpecDraft draft(Map<String, Object>... features) {
        return SpecDraft.minimal().set("features", List.of(features));
    }
}
