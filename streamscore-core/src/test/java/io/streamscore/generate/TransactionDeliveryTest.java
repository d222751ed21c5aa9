package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over 200k transactions of the default config, delivery defects come in the configured shares and bounds. */
class TransactionDeliveryTest {
    /** 50 a second: 200k transactions span over an hour, so the minutes-long takeover bursts are mostly complete. */
    private static final GeneratorConfig CONFIG = GeneratorConfig.builder().seed(11).eventsPerSecond(50).build();
    private static final int RECORDS = 200_000;
    private static List<GeneratedRecord> transactions;

    @BeforeAll
    static void generate() {
        transactions = GeneratorTestKit.only(GeneratorTestKit.take(CONFIG, RECORDS), GeneratedStream.TRANSACTIONS);
    }

    @Test
    void deliveryDefectsComeInTheirConfiguredShares() {
        Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        transactions.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        int n = transactions.size();
        double afterWarmup = (n - CONFIG.warmupEvents()) / (double) n;

        assertShare(counts.get(RecordKind.MALFORMED), n, CONFIG.malformedShare());
        assertShare(counts.get(RecordKind.OUT_OF_ORDER), n, CONFIG.outOfOrderShare());
        assertShare(counts.get(RecordKind.TOO_LATE), n, CONFIG.tooLateShare() * afterWarmup);
    }

    @Test
    void fraudComesInItsConfiguredShareAcrossAllPatterns() {
        Map<FraudPattern, Integer> counts = new EnumMap<>(FraudPattern.class);
        transactions.forEach(r -> counts.merge(r.pattern(), 1, Integer::sum));
        double n = transactions.size();

        // Card testing comes in bursts of 5-20, so its count varies far more than a binomial's.
        assertThat(counts.get(FraudPattern.CARD_TESTING) / n).isCloseTo(CONFIG.cardTestingShare(), within(0.0015));
        assertThat(counts.get(FraudPattern.ACCOUNT_TAKEOVER) / n)
                .isCloseTo(CONFIG.accountTakeoverShare(), within(0.0008));
        assertThat(counts.get(FraudPattern.MERCHANT_RING) / n).isCloseTo(CONFIG.merchantRingShare(), within(0.0006));
        assertThat(transactions.stream().filter(GeneratedRecord::fraud).count() / n)
                .isCloseTo(CONFIG.fraudShare(), within(0.002));
    }

    @Test
    void outOfOrderRecordsStayWithinTheMaxDelayOfEverythingBefore() {
        long maxDelay = CONFIG.outOfOrderMaxDelay().toMillis();
        long newest = Long.MIN_VALUE;
        int checked = 0;
        for (GeneratedRecord record : transactions) {
            if (record.kind() == RecordKind.OUT_OF_ORDER && newest != Long.MIN_VALUE) {
                assertThat(newest - record.eventTime()).as("delay of %s", record).isLessThanOrEqualTo(maxDelay);
                checked++;
            }
            newest = Math.max(newest, record.eventTime());
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void tooLateRecordsLieAtLeastTheTooLateDelayBehindAndNeverInTheWarmup() {
        long delay = CONFIG.tooLateDelay().toMillis();
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < transactions.size(); i++) {
            GeneratedRecord record = transactions.get(i);
            if (record.kind() == RecordKind.TOO_LATE) {
                assertThat(i).as("position of %s", record).isGreaterThanOrEqualTo((int) CONFIG.warmupEvents());
                assertThat(newest - record.eventTime()).isGreaterThanOrEqualTo(delay)
                        .isLessThanOrEqualTo(delay + TransactionDelivery.TOO_LATE_MAX_JITTER_MS);
            }
            newest = Math.max(newest, record.eventTime());
        }
    }

    @Test
    void validTransactionsArriveInEventTimeOrder() {
        long previous = Long.MIN_VALUE;
        for (GeneratedRecord record : transactions) {
            if (record.kind() == RecordKind.VALID) {
                assertThat(record.eventTime()).isGreaterThanOrEqualTo(previous);
                previous = record.eventTime();
            }
        }
        assertThat(transactions.get(0).eventTime()).isGreaterThanOrEqualTo(CONFIG.startTime());
    }

    @Test
    void popularUsersCarryMostTransactions() {
        Map<String, Integer> perUser = new java.util.HashMap<>();
        transactions.stream().filter(r -> r.key() != null).forEach(r -> perUser.merge(r.key(), 1, Integer::sum));
        int topUsers = CONFIG.users() / 100;
        long topCount = perUser.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(topUsers)
                .mapToLong(Integer::longValue).sum();

        // Zipf with exponent 1.1 over 10k users gives the top 1% about 60% of the payments; uniform would give 1%.
        assertThat(topCount / (double) transactions.size()).isGreaterThan(0.45);
    }

    private static void assertShare(int count, int n, double expected) {
        double sigma = Math.sqrt(n * expected * (1 - expected));
        assertThat((double) count).as("count for expected share %s of %s", expected, n)
                .isCloseTo(n * expected, within(5 * sigma));
    }
}
