package io.streamscore.scoring;

import io.streamscore.drift.HistogramCounter;
import java.util.Optional;

/**
 * Watches one canary against the champion on the same events and says when to roll it back: when a score took
 * longer than the latency limit, when scoring threw, or, once {@code minEvents} canary events were seen, when the
 * PSI of the canary's scores against the champion's exceeds {@code maxPsi}. Scores are binned in ten equal bins
 * over [0, 1] plus under- and overflow, which suits probabilities. Not thread-safe: one per operator subtask.
 */
public final class CanaryGuard {
    private static final int SCORE_BINS = 10;

    private final double maxPsi;
    private final long minEvents;
    private final long maxLatencyNanos;
    private final HistogramCounter champion = HistogramCounter.equalWidth(0, 1, SCORE_BINS);
    private final HistogramCounter canary = HistogramCounter.equalWidth(0, 1, SCORE_BINS);
    private String verdict;

    public CanaryGuard(double maxPsi, long minEvents, long maxLatencyNanos) {
        this.maxPsi = maxPsi;
        this.minEvents = minEvents;
        this.maxLatencyNanos = maxLatencyNanos;
    }

    /** One canary event: both models' scores and how long the canary took. */
    public void record(double championScore, double canaryScore, long canaryNanos) {
        champion.add(championScore);
        canary.add(canaryScore);
        if (verdict != null) {
            return;
        }
        if (canaryNanos > maxLatencyNanos) {
            verdict = "a score took " + canaryNanos / 1000 + " us, more than max_latency " + maxLatencyNanos / 1000
                    + " us";
        } else if (canary.total() >= minEvents) {
            double psi = psi();
            if (psi > maxPsi) {
                verdict = String.format("its scores drifted from the champion's: PSI %.3f > max_psi %s over %d events",
                        psi, maxPsi, canary.total());
            }
        }
    }

    /** The canary threw on an event. */
    public void failed(Throwable error) {
        if (verdict == null) {
            verdict = "scoring threw " + error;
        }
    }

    /** PSI of the canary's scores so far against the champion's on the same events. */
    public double psi() {
        return canary.psiAgainst(champion);
    }

    public long events() {
        return canary.total();
    }

    /** Why the canary must be rolled back, or empty while it may keep deciding. */
    public Optional<String> rollbackReason() {
        return Optional.ofNullable(verdict);
    }
}
