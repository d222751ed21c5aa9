package io.streamscore.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    private static final SplittableRandom SEEDS = new SplittableRandom(11);

    @RepeatedTest(20)
    void aucEqualsPairCountingWithTiesAsHalf() {
        Sample sample = Sample.random(SEEDS.split());
        assertThat(BinaryMetrics.of(sample.scores, sample.labels).auc())
                .isCloseTo(bruteForceAuc(sample.scores, sample.labels), within(1e-12));
    }

    @RepeatedTest(20)
    void prAucEqualsPrecisionSummedOverEveryDistinctThreshold() {
        Sample sample = Sample.random(SEEDS.split());
        assertThat(BinaryMetrics.of(sample.scores, sample.labels).prAuc())
                .isCloseTo(bruteForceAveragePrecision(sample.scores, sample.labels), within(1e-12));
    }

    @RepeatedTest(10)
    void bestF1IsTheMaximumOverEveryThreshold() {
        Sample sample = Sample.random(SEEDS.split());
        BinaryMetrics metrics = BinaryMetrics.of(sample.scores, sample.labels);
        double bestF1 = 0;
        for (double threshold : sample.scores) {
            bestF1 = Math.max(bestF1, metrics.at(threshold).f1());
        }
        OperatingPoint best = metrics.bestF1();
        assertThat(best.f1()).isCloseTo(bestF1, within(1e-12));
        assertThat(metrics.at(best.threshold())).isEqualTo(best);
    }

    @Test
    void perfectAndReversedRankings() {
        double[] scores = {0.9, 0.8, 0.3, 0.1};
        boolean[] labels = {true, true, false, false};
        assertThat(BinaryMetrics.of(scores, labels).auc()).isEqualTo(1.0);
        assertThat(BinaryMetrics.of(scores, labels).prAuc()).isEqualTo(1.0);
        boolean[] reversed = {false, false, true, true};
        assertThat(BinaryMetrics.of(scores, reversed).auc()).isEqualTo(0.0);
        assertThat(BinaryMetrics.of(scores, labels).bestF1().threshold()).isEqualTo(0.8);
    }

    @Test
    void allTiedScoresGiveHalfAucAndPrevalenceAsPrAuc() {
        double[] scores = {0.5, 0.5, 0.5, 0.5};
        boolean[] labels = {true, false, false, false};
        assertThat(BinaryMetrics.of(scores, labels).auc()).isEqualTo(0.5);
        assertThat(BinaryMetrics.of(scores, labels).prAuc()).isEqualTo(0.25);
    }

    @Test
    void oneClassOnlyIsRefusedWithTheCounts() {
        assertThatThrownBy(() -> BinaryMetrics.of(new double[] {0.1, 0.2}, new boolean[] {false, false}).auc())
                .hasMessageContaining("0 positives and 2 negatives");
    }

    private static double bruteForceAuc(double[] scores, boolean[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < scores.length; p++) {
            for (int n = 0; n < scores.length; n++) {
                if (labels[p] && !labels[n]) {
                    pairs++;
                    wins += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    private static double bruteForceAveragePrecision(double[] scores, boolean[] labels) {
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        double area = 0;
        double previousRecall = 0;
        for (double threshold : new TreeSet<>(java.util.Arrays.stream(scores).boxed().toList()).descendingSet()) {
            long tp = 0;
            long flagged = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= threshold) {
                    flagged++;
                    tp += labels[i] ? 1 : 0;
                }
            }
            double recall = (double) tp / positives;
            area += (recall - previousRecall) * tp / flagged;
            previousRecall = recall;
        }
        return area;
    }

    /** Scores on a coarse grid (so ties happen) loosely related to the labels, both classes present. */
    private record Sample(double[] scores, boolean[] labels) {
        static Sample random(SplittableRandom random) {
            int n = 20 + random.nextInt(300);
            double[] scores = new double[n];
            boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i < 2 ? i == 0 : random.nextDouble() < 0.2;
                scores[i] = Math.round((random.nextDouble() + (labels[i] ? 0.3 : 0)) * 20) / 20.0;
            }
            return new Sample(scores, labels);
        }
    }
}
