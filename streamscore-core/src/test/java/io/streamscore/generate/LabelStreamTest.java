package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Labels follow their transactions by the configured delay, compressed by the time scale, and never early. */
class LabelStreamTest {
    /** A day of delay becomes a minute, so 200k records reach well past the longest label delay (3 min). */
    private static final GeneratorConfig CONFIG = GeneratorConfig.builder().seed(5).eventsPerSecond(200)
            .labelTimeScale(1440).build();
    private static List<GeneratedRecord> records;

    @BeforeAll
    static void generate() {
        records = GeneratorTestKit.take(CONFIG, 200_000);
    }

    @Test
    void everyLabelFollowsItsTransactionWithTheSameGroundTruth() {
        Map<String, GeneratedRecord> transactions = new HashMap<>();
        int labels = 0;
        for (GeneratedRecord record : records) {
            if (record.stream() == GeneratedStream.TRANSACTIONS) {
                transactions.put(record.eventId(), record);
            } else if (record.stream() == GeneratedStream.LABELS) {
                GeneratedRecord transaction = transactions.get(record.eventId());
                assertThat(transaction).as("transaction of label %s emitted before it", record).isNotNull();
                assertThat(transaction.kind()).isNotEqualTo(RecordKind.MALFORMED);
                assertThat(record.eventTime()).isGreaterThanOrEqualTo(transaction.eventTime());
                assertThat(record.fraud()).isEqualTo(transaction.fraud());
                assertThat(record.pattern()).isEqualTo(transaction.pattern());
                assertThat(record.key()).isEqualTo(transaction.eventId());
                labels++;
            }
        }
        assertThat(labels).isGreaterThan(transactions.size() * 9 / 10);
    }

    @Test
    void labelsAreEmittedOnlyOnceTheClockHasPassedTheirLabelTime() {
        // A valid transaction carries the clock of its emission; the clock never goes back. So a label emitted
        // at or after its label time is never later than the next valid transaction after it.
        long nextValidTime = Long.MAX_VALUE;
        int checked = 0;
        for (int i = records.size() - 1; i >= 0; i--) {
            GeneratedRecord record = records.get(i);
            if (record.stream() == GeneratedStream.TRANSACTIONS && record.kind() == RecordKind.VALID) {
                nextValidTime = record.eventTime();
            } else if (record.stream() == GeneratedStream.LABELS && nextValidTime != Long.MAX_VALUE) {
                assertThat(record.eventTime()).as("label %s", record).isLessThanOrEqualTo(nextValidTime);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void labelStreamIsInLabelTimeOrder() {
        long previous = Long.MIN_VALUE;
        for (GeneratedRecord label : GeneratorTestKit.only(records, GeneratedStream.LABELS)) {
            assertThat(label.eventTime()).isGreaterThanOrEqualTo(previous);
            previous = label.eventTime();
        }
    }

    @Test
    void labelDelaysSpanTheConfiguredRangeSkewedShort() {
        Map<String, Long> transactionTimes = new HashMap<>();
        List<Long> delays = new java.util.ArrayList<>();
        for (GeneratedRecord record : records) {
            if (record.stream() == GeneratedStream.TRANSACTIONS && record.kind() == RecordKind.VALID) {
                transactionTimes.put(record.eventId(), record.eventTime());
            } else if (record.stream() == GeneratedStream.LABELS && transactionTimes.containsKey(record.eventId())) {
                delays.add(record.eventTime() - transactionTimes.get(record.eventId()));
            }
        }
        long min = scaled(CONFIG.labelDelayMin());
        long max = scaled(CONFIG.labelDelayMax());
        delays.sort(null);

        assertThat(delays.get(0)).isGreaterThanOrEqualTo(min);
        assertThat(delays.get(delays.size() - 1)).isLessThanOrEqualTo(max);
        assertThat(delays.get(delays.size() / 2)).as("median delay").isLessThan((min + max) / 4);
    }

    private static long scaled(Duration delay) {
        return Math.round(delay.toMillis() / CONFIG.labelTimeScale());
    }
}
