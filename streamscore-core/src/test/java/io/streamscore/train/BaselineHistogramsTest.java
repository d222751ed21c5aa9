package io.streamscore.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.Histogram;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BaselineHistogramsTest {
    @Test
    void quantileEdgesPutAboutEqualSharesInEachBin() {
        double[] values = IntStream.range(0, 1000).mapToDouble(i -> i).toArray();
        Histogram histogram = BaselineHistograms.of(values, 10);
        assertThat(histogram.edges()).hasSize(9);
        assertThat(histogram.counts()).containsExactly(100, 100, 100, 100, 100, 100, 100, 100, 100, 100);
        assertThat(histogram.total()).isEqualTo(1000);
    }

    @Test
    void tiedQuantilesMergeAndMissingValuesAreCountedApart() {
        double[] values = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, Double.NaN};
        Histogram histogram = BaselineHistograms.of(values, 10);
        assertThat(histogram.edges()).containsExactly(0.0, 1.0, 2.0);
        assertThat(histogram.missing()).isEqualTo(1);
        assertThat(histogram.total()).isEqualTo(11);
    }

    @Test
    void aConstantOrAbsentFeatureStillGetsAValidHistogram() {
        assertThat(BaselineHistograms.of(new double[] {3, 3, 3}, 10).edges()).containsExactly(3.0);
        assertThat(BaselineHistograms.of(new double[] {Double.NaN}, 10).missing()).isEqualTo(1);
    }

    /** One busy entity's running average: 30% of the rows between 51.4 and 51.9, the rest spread from 10 to 200. */
    @Test
    void aNearlyTiedClusterLiesInsideOneBinNotBetweenEdgesHuggingIt() {
        java.util.Random random = new java.util.Random(5);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 10 < 3 ? 51.4 + random.nextDouble() * 0.5 : 10 + random.nextDouble() * 190;
        }
        Histogram histogram = BaselineHistograms.of(values, 10);

        int clusterBin = histogram.binOf(51.65);
        assertThat(histogram.binOf(51.0)).as("the cluster moved a little lower").isEqualTo(clusterBin);
        assertThat(histogram.binOf(52.3)).as("the cluster moved a little higher").isEqualTo(clusterBin);
        assertThat(histogram.binOf(100.0)).isNotEqualTo(clusterBin);
        assertThat(histogram.edges()).as("quantile edges elsewhere stay").hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void integerCountsKeepTheirUnitWideBins() {
        double[] values = IntStream.range(0, 1000).mapToDouble(i -> i % 5).toArray();
        assertThat(BaselineHistograms.of(values, 10).edges()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
    }
}
