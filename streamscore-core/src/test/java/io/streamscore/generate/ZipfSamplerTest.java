package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void rankFrequenciesFollowThePowerLaw() {
        int n = 1000;
        double exponent = 1.1;
        int[] counts = new int[n + 1];
        ZipfSampler sampler = new ZipfSampler(n, exponent);
        SplittableRandom random = new SplittableRandom(1);
        int draws = 500_000;
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(random)]++;
        }
        double normalizer = 0;
        for (int k = 1; k <= n; k++) {
            normalizer += Math.pow(k, -exponent);
        }

        for (int k : new int[] {1, 2, 10, 100}) {
            double expected = Math.pow(k, -exponent) / normalizer;
            assertThat(counts[k] / (double) draws).as("rank %d", k).isCloseTo(expected, within(expected * 0.1));
        }
        assertThat(counts[0]).isZero();
    }

    @Test
    void singleRankAlwaysDrawsOne() {
        ZipfSampler sampler = new ZipfSampler(1, 1.1);
        SplittableRandom random = new SplittableRandom(1);

        for (int i = 0; i < 100; i++) {
            assertThat(sampler.sample(random)).isOne();
        }
    }
}
