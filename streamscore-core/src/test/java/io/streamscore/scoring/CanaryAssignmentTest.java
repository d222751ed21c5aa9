package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CanaryAssignmentTest {
    @Test
    void shareOfKeysMatchesTheConfiguredShare() {
        int canary = 0;
        for (int i = 0; i < 20_000; i++) {
            canary += CanaryAssignment.canaryOf("user-" + i, new double[] {0.1}) == 0 ? 1 : 0;
        }
        assertThat(canary / 20_000.0).isCloseTo(0.1, within(0.01));
    }

    @Test
    void keyStaysWithItsModelAndRaisingTheShareOnlyAddsKeys() {
        for (int i = 0; i < 5_000; i++) {
            String key = "card-" + i;
            boolean atTen = CanaryAssignment.canaryOf(key, new double[] {0.1}) == 0;
            assertThat(CanaryAssignment.canaryOf(key, new double[] {0.1}) == 0).isEqualTo(atTen);
            if (atTen) {
                assertThat(CanaryAssignment.canaryOf(key, new double[] {0.3})).isZero();
            }
        }
    }

    @Test
    void twoCanariesTakeConsecutiveSlices() {
        int[] counts = new int[3];
        for (int i = 0; i < 20_000; i++) {
            counts[CanaryAssignment.canaryOf("k" + i, new double[] {0.2, 0.3}) + 1]++;
        }
        assertThat(counts[1] / 20_000.0).isCloseTo(0.2, within(0.015));
        assertThat(counts[2] / 20_000.0).isCloseTo(0.3, within(0.015));
        assertThat(CanaryAssignment.canaryOf("anyone", new double[0])).isEqualTo(-1);
    }
}
