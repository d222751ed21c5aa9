package io.streamscore.features;

import static io.streamscore.event.EventFixtures.T0;
import static io.streamscore.event.EventFixtures.transaction;
import static io.streamscore.event.EventFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.alerts.AlertPlanCompiler;
import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.EventFixtures;
import io.streamscore.spec.FeaturesSpec;
import io.streamscore.spec.PipelineSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturePlanCompilerTest {
    /** Features of two keys, interleaved, with a last_n, a filter and derived features, plus one alert. */
    private static final PipelineSpec PAYMENTS = PlanFixtures.spec("payments", "transaction", """
            features:
              - name: user_spend_5m
                aggregation: sum
                field: amount
                window: 5m
              - name: card_small_10m
                key: card_id
                aggregation: count
                window: 10m
                filter: 'amount < 5'
              - name: user_last_amounts
                aggregation: last_n
                field: amount
                window: 1h
                n: 2
              - name: amount_vs_spend
                expression: 'amount / max(user_spend_5m, 1.0)'
              - name: user_card_merchants_1d
                key: [user_id, card_id]
                aggregation: distinct_count
                field: merchant_id
                window: 1d
              - name: spend_or_zero
                expression: 'coalesce(user_spend_5m, 0) + amount_vs_spend'
            alerts:
              - name: card_testing
                when: 'card_small_10m >= 3 && amount < 5'
            """);

    @Test
    void windowedFeaturesAreGroupedBySourceAndKeyInOrderOfFirstAppearance() {
        FeaturePlan plan = FeaturePlanCompiler.compile(PAYMENTS);

        assertThat(plan.groups()).extracting(FeatureGroup::source).containsOnly("payments");
        assertThat(plan.groups()).extracting(group -> group.keyFields().stream().map(EventField::name).toList())
                .containsExactly(List.of("user_id"), List.of("card_id"),
                        List.of("user_id", "card_id"));
        assertThat(plan.groups().get(0).features().definitions()).extracting(FeatureDefinition::name)
                .containsExactly("user_spend_5m", "user_last_amounts");
    }

    @Test
    void columnsAreConsecutivePerGroupWithLastNExpandedNewestFirstThenDerived() {
        FeaturePlan plan = FeaturePlanCompiler.compile(PAYMENTS);

        assertThat(plan.columns()).containsExactly("user_spend_5m", "user_last_amounts_1", "user_last_amounts_2",
                "card_small_10m", "user_card_merchants_1d", "amount_vs_spend", "spend_or_zero");
        assertThat(plan.groups()).extracting(FeatureGroup::offset).containsExactly(0, 3, 4);
        assertThat(plan.groups().get(0).columns())
                .containsExactly("user_spend_5m", "user_last_amounts_1", "user_last_amounts_2");
        assertThat(plan.derived()).extracting(DerivedFeature::name).containsExactly("amount_vs_spend",
                "spend_or_zero");
        assertThat(plan.derivedColumn(1)).isEqualTo(6);
    }

    @Test
    void windowDefinitionsCarryTheSpecSettings() {
        FeatureSet cards = FeaturePlanCompiler.compile(PAYMENTS).groups().get(1).features();
        FeatureDefinition merchants = FeaturePlanCompiler.compile(PAYMENTS).groups().get(2).features().definition(0);

        assertThat(cards.definition(0).tileMillis()).isEqualTo(2_000);
        assertThat(merchants.distinctCap()).isEqualTo(FeatureDefinition.DEFAULT_DISTINCT_CAP);
        assertThat(merchants.field().name()).isEqualTo("merchant_id");
    }

    @Test
    void filterCountsOnlySmallAmountsInTheWindowState() {
        FeatureGroup cards = FeaturePlanCompiler.compile(PAYMENTS).groups().get(1);
        KeyedWindowState state = cards.features().newState();
        double count = 0;
        for (double amount : new double[] {1.0, 250.0, 2.5, 4.99, 5.0}) {
            Event event = transaction("tx", "user-1", amount, T0);
            count = state.update(T0, event.numbers, event.strings, Long.MIN_VALUE).value(0);
        }

        assertThat(count).isEqualTo(3);
    }

    @Test
    void derivedFeaturesReadFieldsAndEarlierColumns() {
        FeaturePlan plan = FeaturePlanCompiler.compile(PAYMENTS);
        Event event = withFeatures(transaction("tx", "user-1", 30.0, T0), plan, 60.0);

        evaluateDerived(plan, event);

        assertThat(event.features[5]).isEqualTo(0.5);
        assertThat(event.features[6]).isEqualTo(60.5);
    }

    @Test
    void missingInputsMakeDerivedFeaturesNaNUnlessCoalesced() {
        FeaturePlan plan = FeaturePlanCompiler.compile(PAYMENTS);
        Event event = withFeatures(with(transaction(), "amount", null), plan, Double.NaN);

        evaluateDerived(plan, event);

        assertThat(event.features[5]).isNaN();
        assertThat(event.features[6]).isNaN();
        event.numbers[EventFixtures.TRANSACTION.require("amount").slot()] = 10.0;
        evaluateDerived(plan, event);
        assertThat(event.features[6]).isEqualTo(10.0);
    }

    @Test
    void derivedFeatureOfAnotherSourceIsNaN() {
        FeaturePlan plan = FeaturePlanCompiler.compile(PAYMENTS);
        Event event = withFeatures(transaction("tx", "user-1", 30.0, T0), plan, 60.0);
        event.source = "refunds";

        assertThat(plan.derived().get(0).evaluate(event)).isNaN();
    }

    @Test
    void compiledPlansSurviveJavaSerializationAndStillEvaluate() {
        FeaturePlan plan = PlanFixtures.roundTrip(FeaturePlanCompiler.compile(PAYMENTS));
        AlertPlan alerts = PlanFixtures.roundTrip(AlertPlanCompiler.compile(PAYMENTS));
        Event small = withFeatures(transaction("tx", "user-1", 2.0, T0), plan, 60.0);
        small.features[3] = 3;

        evaluateDerived(plan, small);
        FeatureFilter smallAmounts = plan.groups().get(1).features().definition(0).filter();

        assertThat(small.features[5]).isEqualTo(2.0 / 60.0);
        assertThat(smallAmounts.test(small.numbers, small.strings)).isTrue();
        assertThat(alerts.rules().get(0).test(small)).isTrue();
        assertThat(plan.groups().get(1).key(small)).isEqualTo("card-user-1");
    }

    @Test
    void specWithoutFeaturesCompilesToTheEmptyPlans() {
        PipelineSpec spec = PAYMENTS.withFeatures(FeaturesSpec.NONE).withAlerts(List.of());

        assertThat(FeaturePlanCompiler.compile(spec)).isSameAs(FeaturePlan.EMPTY);
        assertThat(AlertPlanCompiler.compile(spec)).isSameAs(AlertPlan.EMPTY);
    }

    /** The event with a features array of the plan's width: {@code spend} in column 0, NaN elsewhere. */
    private static Event withFeatures(Event event, FeaturePlan plan, double spend) {
        event.source = "payments";
        event.features = new double[plan.width()];
        Arrays.fill(event.features, Double.NaN);
        event.features[0] = spend;
        return event;
    }

    private static void evaluateDerived(FeaturePlan plan, Event event) {
        for (int i = 0; i < plan.derived().size(); i++) {
            event.features[plan.derivedColumn(i)] = plan.derived().get(i).evaluate(event);
        }
    }
}
