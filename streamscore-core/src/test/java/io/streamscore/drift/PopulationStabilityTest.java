package io.streamscore.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamscore.registry.Histogram;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {
    @Test
    void sameDistributionHasZeroPsi() {
        assertThat(PopulationStability.psi(new long[] {10, 20, 70}, new long[] {1, 2, 7})).isZero();
    }

    @Test
    void psiMatchesTheFormulaByHand() {
        double expected = (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.6 - 0.5) * Math.log(0.6 / 0.5);

        assertThat(PopulationStability.psi(new long[] {50, 50}, new long[] {40, 60}))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void emptyBinIsFlooredInsteadOfInfinite() {
        double psi = PopulationStability.psi(new long[] {100, 0}, new long[] {0, 100});

        assertThat(psi).isFinite().isGreaterThan(10);
    }

    @Test
    void counterBinsLikeTheHistogramAndCountsMissingApart() {
        HistogramCounter counter = HistogramCounter.equalWidth(0, 1, 4);
        for (double v : new double[] {0.1, 0.3, 0.3, 0.99, 1.5, -1, Double.NaN}) {
            counter.add(v);
        }
        Histogram snapshot = counter.snapshot();

        assertThat(snapshot.counts()).containsExactly(1, 1, 2, 0, 1, 1);
        assertThat(snapshot.missing()).isEqualTo(1);
        assertThat(counter.total()).isEqualTo(7);
        assertThat(counter.psiAgainst(counter)).isZero();
    }

    @Test
    void shiftedScoresDriftBeyondTheUsualLimit() {
        HistogramCounter champion = HistogramCounter.equalWidth(0, 1, 10);
        HistogramCounter canary = HistogramCounter.equalWidth(0, 1, 10);
        for (int i = 0; i < 1000; i++) {
            champion.add((i % 100) / 100.0);
            canary.add(0.9 + (i % 10) / 100.0);
        }
        assertThat(canary.psiAgainst(champion)).isGreaterThan(0.25);
    }

    @Test
    void differentEdgesAreRefused() {
        Histogram a = new Histogram(new double[] {1}, new long[] {1, 1}, 0);
        Histogram b = new Histogram(new double[] {2}, new long[] {1, 1}, 0);

        assertThatThrownBy(() -> PopulationStability.psi(a, b)).hasMessageContaining("different edges");
    }
}
