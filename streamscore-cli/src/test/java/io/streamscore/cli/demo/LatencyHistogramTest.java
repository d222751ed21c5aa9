package io.streamscore.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreExactToTheMillisecond() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            histogram.record(millis);
        }
        assertThat(histogram.percentile(0.50)).isEqualTo(50);
        assertThat(histogram.percentile(0.99)).isEqualTo(99);
        assertThat(histogram.percentile(1.0)).isEqualTo(100);
    }

    @Test
    void valuesBeyondTenMinutesAndBelowZeroLandInTheEdgeBuckets() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-5);
        histogram.record(LatencyHistogram.MAX_MILLIS + 1_000);
        assertThat(histogram.percentile(0.5)).isZero();
        assertThat(histogram.percentile(1.0)).isEqualTo(LatencyHistogram.MAX_MILLIS);
    }

    @Test
    void clearForgetsEverythingAndTheNextValuesStandAlone() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(9_000);
        histogram.record(8_000);
        histogram.clear();
        assertThat(histogram.count()).isZero();
        assertThat(histogram.percentile(0.99)).isEqualTo(-1);

        histogram.record(1_500);
        histogram.record(1_200);
        assertThat(histogram.percentile(0.99)).isEqualTo(1_500);
        assertThat(histogram.percentile(0.50)).isEqualTo(1_200);
    }
}
