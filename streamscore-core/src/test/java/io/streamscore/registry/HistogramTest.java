package io.streamscore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistogramTest {
    private final Histogram histogram = new Histogram(new double[] {0, 10, 100}, new long[] {1, 2, 3, 4}, 5);

    @Test
    void valuesBelowTheFirstEdgeFallInTheUnderflowBin() {
        assertThat(histogram.binOf(-0.5)).isZero();
        assertThat(histogram.binOf(Double.NEGATIVE_INFINITY)).isZero();
    }

    @Test
    void anEdgeStartsItsBin() {
        assertThat(histogram.binOf(0)).isEqualTo(1);
        assertThat(histogram.binOf(-0.0)).isEqualTo(1);
        assertThat(histogram.binOf(9.99)).isEqualTo(1);
        assertThat(histogram.binOf(10)).isEqualTo(2);
    }

    @Test
    void valuesFromTheLastEdgeOnFallInTheOverflowBin() {
        assertThat(histogram.binOf(100)).isEqualTo(3);
        assertThat(histogram.binOf(1e300)).isEqualTo(3);
    }

    @Test
    void nanIsMissingRatherThanABin() {
        assertThat(histogram.binOf(Double.NaN)).isEqualTo(-1);
        assertThat(histogram.total()).isEqualTo(15);
    }

    @Test
    void edgesThatDoNotIncreaseAreRefusedNamingTheIndex() {
        assertThatThrownBy(() -> new Histogram(new double[] {0, 10, 10}, new long[] {0, 0, 0, 0}, 0))
                .hasMessageStartingWith("edges[2]: 10.0 is not greater than edges[1]");
    }

    @Test
    void countsMustCoverUnderflowAndOverflow() {
        assertThatThrownBy(() -> new Histogram(new double[] {0, 10}, new long[] {1, 2}, 0))
                .hasMessageStartingWith("counts: 2 edges make 3 bins").hasMessageContaining("not 2");
    }

    @Test
    void negativeCountsAndInfiniteEdgesAreRefused() {
        assertThatThrownBy(() -> new Histogram(new double[] {0}, new long[] {1, -1}, 0))
                .hasMessageStartingWith("counts[1]: -1 is negative");
        assertThatThrownBy(() -> new Histogram(new double[] {Double.POSITIVE_INFINITY}, new long[] {1, 1}, 0))
                .hasMessageStartingWith("edges[0]: Infinity is not a finite number");
    }

    @Test
    void callersCannotChangeAHistogramThroughItsArrays() {
        double[] edges = {0, 1};
        Histogram copy = new Histogram(edges, new long[] {0, 1, 2}, 0);
        edges[0] = -5;
        copy.edges()[1] = 99;

        assertThat(copy.edges()).containsExactly(0, 1);
        assertThat(copy).isEqualTo(new Histogram(new double[] {0, 1}, new long[] {0, 1, 2}, 0));
    }
}
