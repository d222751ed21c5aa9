package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanaryGuardTest {
    private final CanaryGuard guard = new CanaryGuard(0.25, 100, 5_000_000);

    @Test
    void canaryScoringLikeTheChampionKeepsDeciding() {
        for (int i = 0; i < 1000; i++) {
            double score = (i % 100) / 100.0;
            guard.record(score, Math.min(0.999, score + 0.005), 1000);
        }
        assertThat(guard.rollbackReason()).isEmpty();
        assertThat(guard.psi()).isLessThan(0.05);
    }

    @Test
    void driftIsJudgedOnlyAfterMinEvents() {
        for (int i = 0; i < 99; i++) {
            guard.record(0.1, 0.95, 1000);
        }
        assertThat(guard.rollbackReason()).isEmpty();

        guard.record(0.1, 0.95, 1000);

        assertThat(guard.rollbackReason()).get().asString().contains("PSI").contains("max_psi 0.25");
    }

    @Test
    void slowScoreOrExceptionRollsBackAtOnce() {
        guard.record(0.1, 0.1, 6_000_000);
        assertThat(guard.rollbackReason()).get().asString().contains("max_latency 5000 us");

        CanaryGuard throwing = new CanaryGuard(0.25, 100, 5_000_000);
        throwing.failed(new IllegalStateException("boom"));
        assertThat(throwing.rollbackReason()).get().asString().contains("boom");
    }
}
