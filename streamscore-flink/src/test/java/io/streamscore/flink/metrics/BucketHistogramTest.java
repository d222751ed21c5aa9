package io.streamscore.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BucketHistogramTest {
    @Test
    void countsEachValueInTheFirstBucketWhoseBoundHoldsIt() {
        BucketHistogram histogram = new BucketHistogram(new double[] {1, 10, 100});
        for (double value : new double[] {0.5, 1, 1.5, 10, 99, 1000, Double.NaN}) {
            histogram.record(value);
        }
        assertThat(histogram.bucketCounts()).containsExactly(2, 2, 1, 1);
        assertThat(histogram.getCount()).isEqualTo(6);
        assertThat(histogram.sum()).isCloseTo(1112.0, within(1e-9));
    }

    @Test
    void quantilesInterpolateInsideTheBucket() {
        double[] bounds = {10, 20};
        assertThat(BucketHistogram.quantile(bounds, new long[] {0, 10, 0}, 0.5)).isEqualTo(15.0);
        assertThat(BucketHistogram.quantile(bounds, new long[] {10, 0, 0}, 0.99)).isCloseTo(9.9, within(1e-9));
        assertThat(BucketHistogram.quantile(bounds, new long[] {0, 0, 5}, 0.5)).isEqualTo(20.0);
        assertThat(BucketHistogram.quantile(bounds, new long[] {0, 0, 0}, 0.5)).isNaN();
    }

    @Test
    void refusesBoundsThatDoNotIncrease() {
        assertThatThrownBy(() -> new BucketHistogram(new double[] {1, 1})).hasMessageContaining("strictly increasing");
    }
}
