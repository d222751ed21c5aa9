package io.streamscore.spec;

import static io.streamscore.spec.FeaturesSectionTest.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A feature with a mistake is still declared, so its uses further down report nothing: one mistake, one error. */
class FeatureDeclarationAfterErrorTest {
    private static final Map<String, Object> USES_AVERAGE = feature("name", "amount_vs_user_avg",
            "expression", "amount / max(user_avg_amount_30d, 1.0)");

    @Test
    void windowedFeatureWithAWrongAggregationIsStillKnownToLaterExpressions() {
        SpecError error = draft(feature("name", "user_avg_amount_30d", "aggregation", "average", "field", "amount",
                "window", "30d"), USES_AVERAGE).onlyError();

        assertThat(error.path()).isEqualTo("features[0].aggregation");
    }

    @Test
    void featureWithAnInvalidNameIsKnownByTheNameTheErrorSuggests() {
        SpecError error = draft(feature("name", "User_avg_amount_30d", "aggregation", "avg", "field", "amount",
                "window", "30d"), USES_AVERAGE).onlyError();

        assertThat(error.path()).isEqualTo("features[0].name");
    }

    @Test
    void featureWithAnUnknownSourceIsKnownToExpressionsOfEverySource() {
        SpecError error = draft(feature("name", "user_avg_amount_30d", "source", "payments", "aggregation", "avg",
                "field", "amount", "window", "30d"), USES_AVERAGE).onlyError();

        assertThat(error.path()).isEqualTo("features[0].source");
    }

    @Test
    void derivedFeatureWithABadExpressionIsStillKnownToLaterExpressions() {
        SpecError error = draft(feature("name", "ratio", "expression", "amount / "),
                feature("name", "ratio_squared", "expression", "ratio * ratio")).onlyError();

        assertThat(error.path()).isEqualTo("features[0].expression");
    }

    @Test
    void lastNFeatureWithAMistakeStillDeclaresItsColumns() {
        SpecError error = draft(feature("name", "last_amounts", "aggregation", "last_n", "field", "amount",
                "window", "1x", "n", 2), feature("name", "drop", "expression", "last_amounts_1 - last_amounts_2"))
                .onlyError();

        assertThat(error.path()).isEqualTo("features[0].window");
    }

    @Test
    void aRealUnknownNameIsStillReported() {
        List<SpecError> errors = draft(feature("name", "user_avg_amount_30d", "aggregation", "average",
                "field", "amount", "window", "30d"), feature("name", "x", "expression", "amount / nothing_here"))
                .errors();

        assertThat(errors).extracting(SpecError::path)
                .containsExactly("features[0].aggregation", "features[1].expression");
    }

    @SafeVarargs
    private static SpecDraft draft(Map<String, Object>... features) {
        return SpecDraft.minimal().set("features", List.of(features));
    }
}
