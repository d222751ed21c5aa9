package io.streamscore.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSetBuilderTest {
    private final TrainingSetBuilder builder = new TrainingSetBuilder(List.of("a", "b"));

    @Test
    void joinsByEventIdAndSplitsByEventTimeWithTheHoldoutStrictlyLater() {
        for (int i = 0; i < 10; i++) {
            // Feature log order is not time order; the split must not care.
            int t = (i * 7) % 10;
            builder.addFeatures("e" + t, 1000L * t, new double[] {t, -t});
            builder.addLabel("e" + t, t % 3 == 0, 1000L * t + 86_400_000);
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
            builder.addFeatures("e" + t, t, new double[] {t, t});
            if (t != 4) {
                builder.addLabel("e" + t, t >= 8, t + 5);
            }
        }
        builder.addLabel("unknown", true, 3);
        TrainingSet set = builder.build(0.3);
        assertThat(set.train().eventIds()).doesNotContain("e4").hasSize(6);
        assertThat(set.counts().unlabeledEvents()).isEqualTo(1);
        assertThat(set.counts().labelsWithoutFeatures()).isEqualTo(1);
    }

    @Test
    void newestLabelWinsAndFirstFeatureEntryIsKept() {
        builder.addFeatures("x", 1, new double[] {1, 1});
        builder.addFeatures("x", 1, new double[] {2, 2});
        builder.addLabel("x", true, 10);
        builder.addLabel("x", false, 20);
        builder.addLabel("x", true, 15);
        builder.addFeatures("y", 2, new double[] {3, 3});
        builder.addLabel("y", true, 10);
        TrainingSet set = builder.build(0.5);
        assertThat(set.train().features()[0]).containsExactly(1.0, 1.0);
        assertThat(set.train().labels()).containsExactly(false);
        assertThat(set.counts().duplicateFeatureEntries()).isEqualTo(1);
    }

    @Test
    void tiesAtTheBoundaryGoToTheHoldout() {
        for (int i = 0; i < 10; i++) {
            builder.addFeatures("e" + i, i < 5 ? 1 : 2, new double[] {i, i});
            builder.addLabel("e" + i, i % 2 == 0, 9);
        }
        TrainingSet set = builder.build(0.2);
        assertThat(set.train().size()).isEqualTo(5);
        assertThat(set.holdout().size()).isEqualTo(5);
    }

    @Test
    void aSplitWithAnEmptySideIsRefused() {
        builder.addFeatures("only", 1, new double[] {1, 1});
        builder.addLabel("only", true, 2);
        assertThatThrownBy(() -> builder.build(0.2)).hasMessageContaining("cannot be split by time");
        assertThatThrownBy(() -> builder.addFeatures("z", 1, new double[] {1})).hasMessageContaining("2 features");
    }
}
