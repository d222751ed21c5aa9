package io.streamscore.features;

import static io.streamscore.event.EventFixtures.T0;
import static io.streamscore.event.EventFixtures.TRANSACTION;
import static io.streamscore.event.EventFixtures.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.Event;
import io.streamscore.event.EventFixtures;
import io.streamscore.expression.ExpressionException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturePlanBuilderTest {
    private static final FeatureDefinition SPEND_5M = FeatureDefinition.builder("spend_5m")
            .aggregation(Aggregation.SUM).field(TRANSACTION.require("amount")).window(Duration.ofMinutes(5)).build();
    private static final FeatureDefinition SMALL_10M = FeatureDefinition.builder("small_10m")
            .aggregation(Aggregation.COUNT).window(Duration.ofMinutes(10))
            .filter(ExpressionFeatureFilter.of(TRANSACTION, "amount < 5")).build();
    private static final FeatureDefinition LAST_3 = FeatureDefinition.builder("last")
            .aggregation(Aggregation.LAST_N).field(TRANSACTION.require("amount")).window(Duration.ofHours(1))
            .lastN(3).build();

    @Test
    void planBuiltInCodeGroupsBySourceAndKeyAndAppendsDerivedColumns() {
        FeaturePlan plan = new FeaturePlanBuilder()
                .source("payments", TRANSACTION)
                .windowed("payments", List.of("user_id"), SPEND_5M)
                .windowed("payments", List.of("card_id"), SMALL_10M)
                .windowed("payments", List.of("user_id"), LAST_3)
                .derived("spend_share", "amount / max(spend_5m, 1)")
                .build();

        assertThat(plan.columns()).containsExactly("spend_5m", "last_1", "last_2", "last_3", "small_10m",
                "spend_share");
        assertThat(plan.groups()).extracting(FeatureGroup::offset).containsExactly(0, 4);
        Event event = transaction("tx", "user-1", 20.0, T0);
        event.source = "payments";
        event.features = new double[] {40.0, 20.0, Double.NaN, Double.NaN, 0, Double.NaN};
        assertThat(plan.derived().get(0).evaluate(event)).isEqualTo(0.5);
    }

    @Test
    void derivedFeatureImplementedInJavaTakesTheNextColumn() {
        DerivedFeature constant = new ConstantFeature();

        FeaturePlan plan = new FeaturePlanBuilder().source("payments", TRANSACTION)
                .windowed("payments", List.of("user_id"), SPEND_5M).derived(constant).build();

        assertThat(plan.columns()).containsExactly("spend_5m", "one");
        assertThat(plan.derived()).containsExactly(constant);
    }

    @Test
    void derivedExpressionSeesOnlyColumnsBeforeIt() {
        FeaturePlanBuilder builder = new FeaturePlanBuilder().source("payments", TRANSACTION)
                .derived("early", "spend_5m * 2").windowed("payments", List.of("user_id"), SPEND_5M)
                .derived("late", "early + 1");

        assertThat(builder.build().columns()).containsExactly("spend_5m", "early", "late");
        assertThatThrownBy(() -> new FeaturePlanBuilder().source("payments", TRANSACTION)
                .derived("early", "late * 2").derived("late", "1").build())
                .isInstanceOfSatisfying(ExpressionException.class,
                        e -> assertThat(e.unknownName()).isEqualTo("late"));
    }

    @Test
    void twoColumnsWithOneNameAreRefused() {
        FeaturePlanBuilder builder = new FeaturePlanBuilder().source("payments", TRANSACTION)
                .windowed("payments", List.of("user_id"), LAST_3).derived("last_2", "amount");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("feature column last_2 is defined twice");
    }

    @Test
    void undeclaredSourceAndUnknownKeyFieldAreRefused() {
        assertThatThrownBy(() -> new FeaturePlanBuilder().windowed("payments", List.of("user_id"), SPEND_5M))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown source payments");
        assertThatThrownBy(() -> new FeaturePlanBuilder().source("payments", TRANSACTION)
                .windowed("payments", List.of("user"), SPEND_5M))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no field 'user'");
    }

    @Test
    void featureReadingAFieldOfAnotherSchemaIsRefused() {
        FeatureDefinition clicks = FeatureDefinition.builder("pages").aggregation(Aggregation.DISTINCT_COUNT)
                .field(EventFixtures.builtIn("click").require("page")).window(Duration.ofMinutes(5)).build();

        assertThatThrownBy(() -> new FeaturePlanBuilder().source("payments", TRANSACTION)
                .windowed("payments", List.of("user_id"), clicks))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a field of source payments");
    }

    @Test
    void derivedWithoutSourceNeedsExactlyOneSource() {
        FeaturePlanBuilder twoSources = new FeaturePlanBuilder().source("payments", TRANSACTION)
                .source("clicks", EventFixtures.builtIn("click"));

        assertThatThrownBy(() -> twoSources.derived("x", "1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 sources are declared");
    }

    /** A derived feature written in Java: always 1. */
    private static final class ConstantFeature implements DerivedFeature {
        @Override
        public String name() {
            return "one";
        }

        @Override
        public double evaluate(Event event) {
            return 1;
        }
    }
}
