package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void evidenceAbsorbedIntoAFreshGuardContinuesTheCount() {
        for (int i = 0; i < 60; i++) {
            guard.record(0.1, 0.95, 1000);
        }
        CanaryGuard restored = new CanaryGuard(0.25, 100, 5_000_000);
        restored.absorb(guard.evidence());
        assertThat(restored.events()).isEqualTo(60);
        assertThat(restored.psi()).isEqualTo(guard.psi());

        for (int i = 0; i < 39; i++) {
            restored.record(0.1, 0.95, 1000);
        }
        assertThat(restored.rollbackReason()).isEmpty();
        restored.record(0.1, 0.95, 1000);
        assertThat(restored.rollbackReason()).get().asString().contains("over 100 events");
    }

    @Test
    void absorbedVerdictStandsAndMismatchedBinsAreRefused() {
        guard.failed(new IllegalStateException("boom"));
        CanaryGuard restored = new CanaryGuard(0.25, 100, 5_000_000);
        restored.absorb(guard.evidence());
        assertThat(restored.rollbackReason()).get().asString().contains("boom");

        assertThatThrownBy(() -> restored.absorb(new CanaryGuard.Evidence(new long[3], new long[3], null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 13 counts");
    }
}
