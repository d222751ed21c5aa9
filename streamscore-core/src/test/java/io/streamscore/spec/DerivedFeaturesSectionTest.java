package io.streamscore.spec;

import static io.streamscore.spec.FeaturesSectionTest.count;
import static io.streamscore.spec.FeaturesSectionTest.draft;
import static io.streamscore.spec.FeaturesSectionTest.feature;
import static io.streamscore.spec.FeaturesSectionTest.withClicks;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Derived features ({@code expression}) in the {@code features} section: what they may use, and their errors. */
class DerivedFeaturesSectionTest {
    @Test
    void derivedFeatureSeesTheFieldsAndTheFeaturesBeforeIt() {
        PipelineSpec spec = draft(
                feature("name", "user_avg_amount_30d", "aggregation", "avg", "field", "amount", "window", "30d"),
                feature("name", "amount_vs_user_avg", "expression", "amount / max(user_avg_amount_30d, 1.0)"),
                feature("name", "doubled", "expression", "2 * amount_vs_user_avg")).load();

        assertThat(spec.features().derived()).containsExactly(
                new DerivedFeatureSpec("amount_vs_user_avg", "transactions", "amount / max(user_avg_amount_30d, 1.0)"),
                new DerivedFeatureSpec("doubled", "transactions", "2 * amount_vs_user_avg"));
    }

    @Test
    void derivedFeatureNamingALaterFeatureSaysToMoveIt() {
        SpecError error = draft(
                feature("name", "amount_vs_user_avg", "expression", "amount / max(user_avg_amount_30d, 1.0)"),
                feature("name", "user_avg_amount_30d", "aggregation", "avg", "field", "amount", "window", "30d"))
                .onlyError();

        assertThat(error.path()).isEqualTo("features[0].expression");
        assertThat(error.problem()).isEqualTo("'amount / max(user_avg_amount_30d, 1.0)' uses `user_avg_amount_30d`, "
                + "which is declared after this feature, at features[1]");
        assertThat(error.fix()).startsWith("move this feature below features[1]");
    }

    @Test
    void derivedFeatureCannotUseAFeatureOfAnotherSource() {
        Map<String, Object> clicks = count("clicks_1m");
        clicks.put("source", "clicks");
        Map<String, Object> derived = feature("name", "ratio", "source", "transactions",
                "expression", "amount / clicks_1m");

        SpecError error = withClicks().set("features", List.of(clicks, derived)).onlyError();

        assertThat(error.path()).isEqualTo("features[1].expression");
        assertThat(error.problem()).isEqualTo("'amount / clicks_1m' uses `clicks_1m`, which is a feature of source "
                + "`clicks`, computed only for its events");
    }

    @Test
    void derivedFeatureWithAnUnknownNameSuggestsTheClosest() {
        SpecError error = draft(count("tx_1h"), feature("name", "ratio", "expression", "amount / tx_1")).onlyError();

        assertThat(error.path()).isEqualTo("features[1].expression");
        assertThat(error.problem()).isEqualTo("'amount / tx_1': unknown name `tx_1` at column 10");
        assertThat(error.fix()).startsWith("did you mean `tx_1h`? use one of the names available here: ")
                .endsWith("event_time, tx_1h");
    }

    @Test
    void derivedFeatureMustBeANumber() {
        SpecError error = draft(feature("name", "big", "expression", "amount > 100")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].expression");
        assertThat(error.problem()).isEqualTo("'amount > 100': the expression is a condition (true or false), "
                + "but a number is needed here");
    }

    @Test
    void windowSettingsOnADerivedFeatureAreRefused() {
        SpecError error = draft(feature("name", "big", "expression", "amount * 2", "window", "5m")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].window");
        assertThat(error.problem()).isEqualTo("`window` does not apply to a derived feature (one with `expression`)");
        assertThat(error.fix()).isEqualTo("remove `window`, or remove `expression` to make this a windowed feature");
    }
}
