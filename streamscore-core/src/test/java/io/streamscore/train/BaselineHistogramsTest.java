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
}
