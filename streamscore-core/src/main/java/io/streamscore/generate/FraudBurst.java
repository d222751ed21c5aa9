package io.streamscore.generate;

import java.util.SplittableRandom;

/**
 * A fraud campaign against one victim that spans several transactions: what stays the same from one payment to the
 * next (the card, the fraudster's device, their country) and how many payments are still to come. The first
 * payment is emitted when the burst starts; the rest follow at the pattern's pace.
 */
final class FraudBurst extends PendingActivity {
    static final int CARD_TESTING_MIN = 5;
    static final int CARD_TESTING_MAX = 20;
    static final long CARD_TESTING_MIN_SPAN_MS = 60_000;
    static final long CARD_TESTING_MAX_SPAN_MS = 120_000;
    static final int TAKEOVER_MAX = 4;
    static final long TAKEOVER_MIN_GAP_MS = 30_000;
    static final long TAKEOVER_MAX_GAP_MS = 600_000;

    final FraudPattern pattern;
    final SimulatedUser victim;
    final String card;
    final String device;
    final int origin;
    private final long meanGapMs;
    private int remaining;

    private FraudBurst(long order, long start, FraudPattern pattern, SimulatedUser victim, String card, String device,
                       int origin, int size, long meanGapMs) {
        super(order, start);
        this.pattern = pattern;
        this.victim = victim;
        this.card = card;
        this.device = device;
        this.origin = origin;
        this.remaining = size;
        this.meanGapMs = meanGapMs;
    }

    /** Mean number of payments of a burst of the pattern, to turn a share of transactions into a start rate. */
    static double meanSize(FraudPattern pattern) {
        return switch (pattern) {
            case CARD_TESTING -> (CARD_TESTING_MIN + CARD_TESTING_MAX) / 2.0;
            case ACCOUNT_TAKEOVER -> (1 + TAKEOVER_MAX) / 2.0;
            default -> 1;
        };
    }

    static FraudBurst cardTesting(long order, long start, SimulatedUser victim, SplittableRandom random) {
        int size = random.nextInt(CARD_TESTING_MIN, CARD_TESTING_MAX + 1);
        long span = random.nextLong(CARD_TESTING_MIN_SPAN_MS, CARD_TESTING_MAX_SPAN_MS + 1);
        String card = victim.cards[random.nextInt(victim.cards.length)];
        return new FraudBurst(order, start, FraudPattern.CARD_TESTING, victim, card,
                UserDirectory.newId("d-", random), HomeCountry.pickFraudOrigin(random), size, span / (size - 1));
    }

    static FraudBurst accountTakeover(long order, long start, SimulatedUser victim, SplittableRandom random) {
        int size = random.nextInt(1, TAKEOVER_MAX + 1);
        return new FraudBurst(order, start, FraudPattern.ACCOUNT_TAKEOVER, victim, victim.cards[0],
                UserDirectory.newId("d-", random), HomeCountry.pickFraudOrigin(random), size,
                (TAKEOVER_MIN_GAP_MS + TAKEOVER_MAX_GAP_MS) / 2);
    }

    String originCountry() {
        return HomeCountry.FRAUD_ORIGINS.get(origin);
    }

    /** Counts one payment off; true while more are to come, after which the burst has been postponed to the next. */
    boolean advance(SplittableRandom random) {
        remaining--;
        if (remaining <= 0) {
            return false;
        }
        // Uniform in [0.5, 1.5] of the mean gap: irregular enough to look human-driven, never a zero gap.
        long gap = Math.max(1, Math.round(meanGapMs * (0.5 + random.nextDouble())));
        postpone(due() + gap);
        return true;
    }
}
