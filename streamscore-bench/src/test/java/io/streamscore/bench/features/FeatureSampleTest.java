package io.streamscore.bench.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureSampleTest {
    private static final FeatureSample SAMPLE = new FeatureSample("e1", 3, 300.10, 100.0333, 200.0);

    @Test
    void sumsThatDifferOnlyByRoundingAgree() {
        FeatureSample rounded = new FeatureSample("e1", 3, 300.10 + 1e-10, 100.0333 - 1e-11, 200.0);
        assertThat(SAMPLE.agreesWith(rounded)).isTrue();
    }

    @Test
    void aDifferentCountOrMaxOrSumDisagrees() {
        assertThat(SAMPLE.agreesWith(new FeatureSample("e1", 4, 300.10, 100.0333, 200.0))).isFalse();
        assertThat(SAMPLE.agreesWith(new FeatureSample("e1", 3, 300.10, 100.0333, 200.01))).isFalse();
        assertThat(SAMPLE.agreesWith(new FeatureSample("e1", 3, 300.11, 100.0333, 200.0))).isFalse();
    }

    @Test
    void emptyWindowsAgreeOnNaN() {
        FeatureSample empty = new FeatureSample("p", 0, 0, Double.NaN, Double.NaN);
        assertThat(empty.agreesWith(new FeatureSample("p", 0, 0, Double.NaN, Double.NaN))).isTrue();
        assertThat(empty.agreesWith(new FeatureSample("p", 0, 0, 0, Double.NaN))).isFalse();
    }
}
