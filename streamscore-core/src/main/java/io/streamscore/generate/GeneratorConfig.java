package io.streamscore.generate;

import io.streamscore.event.SourceBinding;
import io.streamscore.spec.Format;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes the {@link EventGenerator}'s output. Immutable and validated on construction: an error
 * names the field and the accepted range. Start from {@link #builder()}, whose defaults are the named constants.
 *
 * <p>Shares ({@code ...Share}) are fractions of transactions, the main stream. The three fraud shares together are
 * the expected fraud share of transactions; the three delivery shares (out of order, too late, malformed) are drawn
 * independently of the fraud patterns. Durations are in simulated event time.
 *
 * @param seed the one source of randomness: equal configs yield byte-identical record sequences
 * @param populationSeed decides who exists (users with their cards and habits, merchants); the builder's default is
 *                       {@code seed}. Two configs with the same population seed and different seeds are the same
 *                       customers paying at different moments: what a model trained on last month's payments sees
 *                       this month
 * @param startTime epoch milliseconds of the first event
 * @param eventsPerSecond transactions per second of simulated event time
 * @param users number of users; popularity follows a Zipf law with exponent {@code userZipfExponent}
 * @param merchants number of merchants
 * @param clicksPerTransaction clicks generated per transaction on average; 0 turns the click stream off
 * @param botSessionShare fraction of click sessions that are bots
 * @param outOfOrderMaxDelay out-of-order records lie uniformly 1 ms to this far behind the simulated clock
 * @param tooLateDelay too-late records lie at least this far behind the newest event time emitted before them
 * @param warmupEvents transactions emitted before the first too-late one, so that a watermark exists by then
 * @param labelDelayMin shortest delay from a transaction to its label (before {@code labelTimeScale})
 * @param labelDelayMax longest delay from a transaction to its label (before {@code labelTimeScale})
 * @param labelTimeScale label delays are divided by this; 1440 turns a day of delay into a minute
 * @param profiles whether to emit user-profile CDC changes as well
 * @param format the encoding of every record value
 * @param amountShift ordinary payments from {@code amountShiftFrom} on cost this many times their usual amount
 *                    (1: no shift), to make an input drift mid-run on purpose
 * @param amountShiftFrom the event time (epoch ms) the amount shift starts at
 */
public record GeneratorConfig(
        long seed, long populationSeed, long startTime, double eventsPerSecond, int users, double userZipfExponent,
        int merchants, double cardTestingShare, double accountTakeoverShare, double merchantRingShare,
        double clicksPerTransaction, double botSessionShare,
        double outOfOrderShare, Duration outOfOrderMaxDelay, double tooLateShare, Duration tooLateDelay,
        long warmupEvents, double malformedShare,
        Duration labelDelayMin, Duration labelDelayMax, double labelTimeScale, boolean profiles, Format format,
        double amountShift, long amountShiftFrom) {

    public static final long DEFAULT_SEED = 42L;
    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_TIME = 1_767_225_600_000L;
    public static final double DEFAULT_EVENTS_PER_SECOND = 1000;
    public static final int DEFAULT_USERS = 10_000;
    public static final double DEFAULT_USER_ZIPF_EXPONENT = 1.1;
    public static final int DEFAULT_MERCHANTS = 2_000;
    /** The three fraud defaults add up to 1% of transactions. */
    public static final double DEFAULT_CARD_TESTING_SHARE = 0.004;
    public static final double DEFAULT_ACCOUNT_TAKEOVER_SHARE = 0.003;
    public static final double DEFAULT_MERCHANT_RING_SHARE = 0.003;
    public static final double DEFAULT_CLICKS_PER_TRANSACTION = 0;
    public static final double DEFAULT_BOT_SESSION_SHARE = 0.02;
    public static final double DEFAULT_OUT_OF_ORDER_SHARE = 0.05;
    public static final Duration DEFAULT_OUT_OF_ORDER_MAX_DELAY = Duration.ofSeconds(4);
    public static final double DEFAULT_TOO_LATE_SHARE = 0.01;
    public static final Duration DEFAULT_TOO_LATE_DELAY = Duration.ofHours(2);
    public static final long DEFAULT_WARMUP_EVENTS = 1_000;
    public static final double DEFAULT_MALFORMED_SHARE = 0.01;
    public static final Duration DEFAULT_LABEL_DELAY_MIN = Duration.ofMinutes(5);
    public static final Duration DEFAULT_LABEL_DELAY_MAX = Duration.ofDays(3);
    public static final double DEFAULT_LABEL_TIME_SCALE = 1.0;
    /** Fraud shares above this would no longer be a minority class worth detecting. */
    public static final double MAX_FRAUD_SHARE = 0.5;

    public GeneratorConfig {
        Objects.requireNonNull(format, "format must be JSON or AVRO");
        if (startTime < SourceBinding.MIN_EVENT_TIME || startTime > SourceBinding.MAX_EVENT_TIME) {
            throw invalid("startTime", "an epoch-millisecond time between 2000 and 2100", startTime);
        }
        requirePositive("eventsPerSecond", eventsPerSecond);
        requireAtLeast("users", users, 1);
        requirePositive("userZipfExponent", userZipfExponent);
        requireAtLeast("merchants", merchants, MerchantCatalog.MIN_MERCHANTS);
        requireShare("cardTestingShare", cardTestingShare);
        requireShare("accountTakeoverShare", accountTakeoverShare);
        requireShare("merchantRingShare", merchantRingShare);
        if (cardTestingShare + accountTakeoverShare + merchantRingShare > MAX_FRAUD_SHARE) {
            throw invalid("cardTestingShare + accountTakeoverShare + merchantRingShare", "at most " + MAX_FRAUD_SHARE,
                    cardTestingShare + accountTakeoverShare + merchantRingShare);
        }
        if (!(clicksPerTransaction >= 0) || Double.isInfinite(clicksPerTransaction)) {
            throw invalid("clicksPerTransaction", ">= 0 (0 turns clicks off)", clicksPerTransaction);
        }
        requireShare("botSessionShare", botSessionShare);
        requireShare("outOfOrderShare", outOfOrderShare);
        requireShare("tooLateShare", tooLateShare);
        requireShare("malformedShare", malformedShare);
        if (outOfOrderShare + tooLateShare + malformedShare > 1) {
            throw invalid("outOfOrderShare + tooLateShare + malformedShare", "at most 1",
                    outOfOrderShare + tooLateShare + malformedShare);
        }
        requireDuration("outOfOrderMaxDelay", outOfOrderMaxDelay, 1);
        requireDuration("tooLateDelay", tooLateDelay, 1);
        requireAtLeast("warmupEvents", warmupEvents, 0);
        requireDuration("labelDelayMin", labelDelayMin, 0);
        requireDuration("labelDelayMax", labelDelayMax, labelDelayMin.toMillis());
        requirePositive("labelTimeScale", labelTimeScale);
        requirePositive("amountShift", amountShift);
    }

    /** The factor ordinary amounts are multiplied by at event time {@code time}. */
    public double amountFactorAt(long time) {
        return time >= amountShiftFrom ? amountShift : 1.0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Expected fraction of transactions that are fraud, all patterns together. */
    public double fraudShare() {
        return cardTestingShare + accountTakeoverShare + merchantRingShare;
    }

    private static void requireDuration(String field, Duration duration, long minMillis) {
        Objects.requireNonNull(duration, "generator " + field + " must be set");
        if (duration.toMillis() < minMillis) {
            throw invalid(field, "at least " + minMillis + " ms", duration);
        }
    }

    private static void requireShare(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(field, "a fraction in [0, 1]", value);
        }
    }

    private static void requirePositive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(field, "a finite number > 0", value);
        }
    }

    private static void requireAtLeast(String field, long value, long min) {
        if (value < min) {
            throw invalid(field, ">= " + min, value);
        }
    }

    private static IllegalArgumentException invalid(String field, String expected, Object actual) {
        return new IllegalArgumentException("generator " + field + " must be " + expected + ", was " + actual);
    }

    /** Mutable builder; every setter returns the builder, {@link #build()} validates. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private Long populationSeed;
        private long startTime = DEFAULT_START_TIME;
        private double eventsPerSecond = DEFAULT_EVENTS_PER_SECOND;
        private int users = DEFAULT_USERS;
        private double userZipfExponent = DEFAULT_USER_ZIPF_EXPONENT;
        private int merchants = DEFAULT_MERCHANTS;
        private double cardTestingShare = DEFAULT_CARD_TESTING_SHARE;
        private double accountTakeoverShare = DEFAULT_ACCOUNT_TAKEOVER_SHARE;
        private double merchantRingShare = DEFAULT_MERCHANT_RING_SHARE;
        private double clicksPerTransaction = DEFAULT_CLICKS_PER_TRANSACTION;
        private double botSessionShare = DEFAULT_BOT_SESSION_SHARE;
        private double outOfOrderShare = DEFAULT_OUT_OF_ORDER_SHARE;
        private Duration outOfOrderMaxDelay = DEFAULT_OUT_OF_ORDER_MAX_DELAY;
        private double tooLateShare = DEFAULT_TOO_LATE_SHARE;
        private Duration tooLateDelay = DEFAULT_TOO_LATE_DELAY;
        private long warmupEvents = DEFAULT_WARMUP_EVENTS;
        private double malformedShare = DEFAULT_MALFORMED_SHARE;
        private Duration labelDelayMin = DEFAULT_LABEL_DELAY_MIN;
        private Duration labelDelayMax = DEFAULT_LABEL_DELAY_MAX;
        private double labelTimeScale = DEFAULT_LABEL_TIME_SCALE;
        private boolean profiles;
        private Format format = Format.JSON;
        private double amountShift = 1.0;
        private long amountShiftFrom = Long.MAX_VALUE;

        private Builder() {}

        private Builder(GeneratorConfig c) {
            seed(c.seed).populationSeed(c.populationSeed == c.seed ? null : c.populationSeed).startTime(c.startTime)
                    .eventsPerSecond(c.eventsPerSecond).users(c.users)
                    .userZipfExponent(c.userZipfExponent).merchants(c.merchants)
                    .fraudShares(c.cardTestingShare, c.accountTakeoverShare, c.merchantRingShare)
                    .clicksPerTransaction(c.clicksPerTransaction).botSessionShare(c.botSessionShare)
                    .outOfOrder(c.outOfOrderShare, c.outOfOrderMaxDelay).tooLate(c.tooLateShare, c.tooLateDelay)
                    .warmupEvents(c.warmupEvents).malformedShare(c.malformedShare)
                    .labelDelay(c.labelDelayMin, c.labelDelayMax).labelTimeScale(c.labelTimeScale)
                    .profiles(c.profiles).format(c.format).amountShift(c.amountShift, c.amountShiftFrom);
        }

        public Builder seed(long value) { seed = value; return this; }
        /** Who exists; null (the default): the same as {@link #seed}. */
        public Builder populationSeed(Long value) { populationSeed = value; return this; }
        public Builder startTime(long epochMillis) { startTime = epochMillis; return this; }
        public Builder eventsPerSecond(double value) { eventsPerSecond = value; return this; }
        public Builder users(int value) { users = value; return this; }
        public Builder userZipfExponent(double value) { userZipfExponent = value; return this; }
        public Builder merchants(int value) { merchants = value; return this; }
        public Builder cardTestingShare(double value) { cardTestingShare = value; return this; }
        public Builder accountTakeoverShare(double value) { accountTakeoverShare = value; return this; }
        public Builder merchantRingShare(double value) { merchantRingShare = value; return this; }
        public Builder clicksPerTransaction(double value) { clicksPerTransaction = value; return this; }
        public Builder botSessionShare(double value) { botSessionShare = value; return this; }
        public Builder outOfOrderShare(double value) { outOfOrderShare = value; return this; }
        public Builder outOfOrderMaxDelay(Duration value) { outOfOrderMaxDelay = value; return this; }
        public Builder tooLateShare(double value) { tooLateShare = value; return this; }
        public Builder tooLateDelay(Duration value) { tooLateDelay = value; return this; }
        public Builder warmupEvents(long value) { warmupEvents = value; return this; }
        public Builder malformedShare(double value) { malformedShare = value; return this; }
        public Builder labelDelayMin(Duration value) { labelDelayMin = value; return this; }
        public Builder labelDelayMax(Duration value) { labelDelayMax = value; return this; }
        public Builder labelTimeScale(double value) { labelTimeScale = value; return this; }
        public Builder profiles(boolean value) { profiles = value; return this; }
        public Builder format(Format value) { format = value; return this; }

        /**
         * From event time {@code fromEpochMillis} on, ordinary payments cost {@code factor} times their usual amount.
         */
        public Builder amountShift(double factor, long fromEpochMillis) {
            amountShift = factor;
            amountShiftFrom = fromEpochMillis;
            return this;
        }

        /** Sets all three fraud shares; 0, 0, 0 generates no fraud. */
        public Builder fraudShares(double cardTesting, double accountTakeover, double merchantRing) {
            return cardTestingShare(cardTesting).accountTakeoverShare(accountTakeover).merchantRingShare(merchantRing);
        }

        public Builder outOfOrder(double share, Duration maxDelay) {
            return outOfOrderShare(share).outOfOrderMaxDelay(maxDelay);
        }

        public Builder tooLate(double share, Duration delay) {
            return tooLateShare(share).tooLateDelay(delay);
        }

        public Builder labelDelay(Duration min, Duration max) {
            return labelDelayMin(min).labelDelayMax(max);
        }

        /** Turns off every delivery defect (out of order, too late, malformed): a clean, in-order stream. */
        public Builder clean() {
            return outOfOrderShare(0).tooLateShare(0).malformedShare(0);
        }

        public GeneratorConfig build() {
            return new GeneratorConfig(seed, populationSeed == null ? seed : populationSeed, startTime, eventsPerSecond,
                    users, userZipfExponent, merchants,
                    cardTestingShare, accountTakeoverShare, merchantRingShare, clicksPerTransaction, botSessionShare,
                    outOfOrderShare, outOfOrderMaxDelay, tooLateShare, tooLateDelay, warmupEvents, malformedShare,
                    labelDelayMin, labelDelayMax, labelTimeScale, profiles, format, amountShift, amountShiftFrom);
        }
    }
}
