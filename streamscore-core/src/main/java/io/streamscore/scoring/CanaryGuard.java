package io.streamscore.scoring;

import io.streamscore.drift.HistogramCounter;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches one canary against the champion on the same events and says when to roll it back: when a score took
 * longer than the latency limit, when scoring threw, or, once {@code minEvents} canary events were seen, when the
 * PSI of the canary's scores against the champion's exceeds {@code maxPsi}. Scores are binned in ten equal bins
 * over [0, 1] plus under- and overflow, which suits probabilities. Not thread-safe: one per operator subtask.
 *
 * <p>Its {@link Evidence} (both histograms and the verdict) can be taken out for a checkpoint and added back into a
 * fresh guard, so a restored job keeps judging the canary from where it was instead of from zero.
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

    /** What the guard has seen so far, to be checkpointed; not the thresholds, which come from the spec. */
    public Evidence evidence() {
        return new Evidence(champion.countsAndMissing(), canary.countsAndMissing(), verdict);
    }

    /**
     * Adds evidence taken from a guard on the same canary (a checkpoint of this subtask, or of several subtasks when
     * the parallelism changed). A verdict in it stands: the canary it condemned is rolled back on its next event.
     *
     * @throws IllegalArgumentException if the evidence has a different number of bins
     */
    public void absorb(Evidence evidence) {
        champion.addCounts(evidence.championCounts());
        canary.addCounts(evidence.canaryCounts());
        if (verdict == null) {
            verdict = evidence.verdict();
        }
    }

    /**
     * The counts of a guard: per bin (10 equal bins, under- and overflow, missing last) for the champion's and the
     * canary's scores, and the verdict, null while the canary may keep deciding.
     */
    public record Evidence(long[] championCounts, long[] canaryCounts, String verdict) {
        public Evidence {
            Objects.requireNonNull(championCounts, "championCounts");
            Objects.requireNonNull(canaryCounts, "canaryCounts");
        }
    }

    /** Why the canary must be rolled back, or empty while it may keep deciding. */
    public Optional<String> rollbackReason() {
        return Optional.ofNullable(verdict);
    }
}
