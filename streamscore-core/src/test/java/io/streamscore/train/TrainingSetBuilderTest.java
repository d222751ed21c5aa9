package io.streamscore.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSetBuilderTest {
    private static final String PAYMENTS = "payments";
    private static final String REFUNDS = "refunds";
    private final TrainingSetBuilder builder = new TrainingSetBuilder(List.of("a", "b"));

    @Test
    void labelsWithoutASourceJoinByEventIdAndSplitByEventTimeWithTheHoldoutStrictlyLater() {
        for (int i = 0; i < 10; i++) {
            // Feature log order is not time order; the split must not care.
            int t = (i * 7) % 10;
            builder.addFeatures(PAYMENTS, "e" + t, 1000L * t, new double[] {t, -t});
            builder.addLabel(null, "e" + t, t % 3 == 0, 1000L * t + 86_400_000);
        }
        TrainingSet set = builder.build(0.2);
        assertThat(set.train().eventIds()).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7");
        assertThat(set.holdout().eventIds()).containsExactly("e8", "e9");
        assertThat(set.train().labels()).containsExactly(true, false, false, true, false, false, true, false);
        assertThat(set.holdout().features()[1]).containsExactly(9.0, -9.0);
        assertThat(set.train().timeRange().toMillis()).isLessThan(set.holdout().timeRange().fromMillis());
    }

    @Test
    void unlabeledEventsAreLeftOutNotTakenAsNegatives() {
        for (int t = 0; t < 10; t++) {
            builder.addFeatures(PAYMENTS, "e" + t, t, new double[] {t, t});
            if (t != 4) {
                builder.addLabel(null, "e" + t, t >= 8, t + 5);
            }
        }
        builder.addLabel(null, "unknown", true, 3);
        TrainingSet set = builder.build(0.3);
        assertThat(set.train().eventIds()).doesNotContain("e4").hasSize(6);
        assertThat(set.counts().unlabeledEvents()).isEqualTo(1);
        assertThat(set.counts().labelsWithoutFeatures()).isEqualTo(1);
    }

    @Test
    void newestLabelWinsAndFirstFeatureEntryIsKept() {
        builder.addFeatures(PAYMENTS, "x", 1, new double[] {1, 1});
        builder.addFeatures(PAYMENTS, "x", 1, new double[] {2, 2});
        builder.addLabel(null, "x", true, 10);
        builder.addLabel(null, "x", false, 20);
        builder.addLabel(null, "x", true, 15);
        builder.addFeatures(PAYMENTS, "y", 2, new double[] {3, 3});
        builder.addLabel(null, "y", true, 10);
        TrainingSet set = builder.build(0.5);
        assertThat(set.train().features()[0]).containsExactly(1.0, 1.0);
        assertThat(set.train().labels()).containsExactly(false);
        assertThat(set.counts().duplicateFeatureEntries()).isEqualTo(1);
    }

    @Test
    void tiesAtTheBoundaryGoToTheHoldout() {
        for (int i = 0; i < 10; i++) {
            builder.addFeatures(PAYMENTS, "e" + i, i < 5 ? 1 : 2, new double[] {i, i});
            builder.addLabel(null, "e" + i, i % 2 == 0, 9);
        }
        TrainingSet set = builder.build(0.2);
        assertThat(set.train().size()).isEqualTo(5);
        assertThat(set.holdout().size()).isEqualTo(5);
    }

    @Test
    void aSplitWithAnEmptySideIsRefused() {
        builder.addFeatures(PAYMENTS, "only", 1, new double[] {1, 1});
        builder.addLabel(null, "only", true, 2);
        assertThatThrownBy(() -> builder.build(0.2)).hasMessageContaining("cannot be split by time");
        assertThatThrownBy(() -> builder.addFeatures(PAYMENTS, "z", 1, new double[] {1}))
                .hasMessageContaining("2 features");
    }

    /**
     * Two sources numbering their events alike, each event with its source's label: the label naming its source
     * reaches that source's event only. Feature b tells the rows apart: 0 for payments, 1 for refunds.
     */
    @Test
    void labelsNamingTheirSourceJoinThatSourcesEventWhenIdsOverlap() {
        for (int t = 0; t < 10; t++) {
            builder.addFeatures(PAYMENTS, "e" + t, t, new double[] {t, 0});
            builder.addFeatures(REFUNDS, "e" + t, t, new double[] {t, 1});
            builder.addLabel(REFUNDS, "e" + t, t % 2 == 1, t + 5);
            builder.addLabel(PAYMENTS, "e" + t, t % 2 == 0, t + 5);
        }
        TrainingSet set = builder.build(0.3);

        assertThat(set.train().size() + set.holdout().size()).isEqualTo(20);
        for (LabeledRows rows : List.of(set.train(), set.holdout())) {
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.features()[r];
                boolean payment = row[1] == 0;
                assertThat(rows.labels()[r]).as("%s %s", payment ? PAYMENTS : REFUNDS, rows.eventIds()[r])
                        .isEqualTo(payment == (row[0] % 2 == 0));
            }
        }
        assertThat(set.counts().ambiguousLabels()).isZero();
        assertThat(set.counts().labelsWithoutFeatures()).isZero();
    }

    @Test
    void aLabelWithoutASourceForAnIdOfSeveralSourcesJoinsNoneAndIsCounted() {
        for (int t = 0; t < 10; t++) {
            builder.addFeatures(PAYMENTS, "e" + t, t, new double[] {t, 0});
            builder.addLabel(null, "e" + t, t % 2 == 0, t + 5);
        }
        builder.addFeatures(REFUNDS, "e3", 3, new double[] {3, 1}); // e3 is now ambiguous
        builder.addFeatures(REFUNDS, "e4", 4, new double[] {4, 1});
        builder.addLabel(REFUNDS, "e4", true, 9); // e4 as well, but the refund's label names its source

        TrainingSet set = builder.build(0.3);

        List<String> ids = new java.util.ArrayList<>(List.of(set.train().eventIds()));
        ids.addAll(List.of(set.holdout().eventIds()));
        assertThat(ids).as("e3 of neither source; e4 of the refund only").doesNotContain("e3")
                .containsOnlyOnce("e4").hasSize(9);
        assertThat(set.counts().ambiguousLabels()).isEqualTo(2);
        assertThat(set.counts().unlabeledEvents()).as("payments e3, e4, refund e3").isEqualTo(3);
    }
}
