package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.DeadLetterReason;
import io.streamscore.spec.Format;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each malformed transaction is rejected by the strict codec with exactly the reason it claims. */
class MalformedTransactionTest {
    private static GeneratorConfig.Builder mostlyMalformed() {
        return GeneratorConfig.builder().seed(3).malformedShare(0.3);
    }

    @Test
    void jsonMalformedRecordsCoverEveryReasonWithExactlyThatDefect() {
        List<GeneratedRecord> malformed = malformed(mostlyMalformed().build(), 30_000);

        assertThat(malformed).extracting(GeneratedRecord::malformedReason).containsOnly(
                DeadLetterReason.INVALID_JSON, DeadLetterReason.WRONG_TYPE, DeadLetterReason.MISSING_FIELD,
                DeadLetterReason.NON_FINITE_NUMBER, DeadLetterReason.UNKNOWN_FIELD, DeadLetterReason.MISSING_KEY)
                .contains(DeadLetterReason.INVALID_JSON, DeadLetterReason.WRONG_TYPE, DeadLetterReason.MISSING_FIELD,
                        DeadLetterReason.NON_FINITE_NUMBER, DeadLetterReason.UNKNOWN_FIELD,
                        DeadLetterReason.MISSING_KEY);
        assertEachRejectedWithItsReason(malformed, Format.JSON);
    }

    @Test
    void nonFiniteAmountIsTheBareNaNToken() {
        GeneratedRecord nan = malformed(mostlyMalformed().build(), 5_000).stream()
                .filter(r -> r.malformedReason() == DeadLetterReason.NON_FINITE_NUMBER).findFirst().orElseThrow();

        assertThat(new String(nan.value(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"amount\":NaN");
    }

    @Test
    void missingKeyRecordsTravelWithoutKeyAndOthersKeepTheirUser() {
        for (GeneratedRecord record : malformed(mostlyMalformed().build(), 10_000)) {
            if (record.malformedReason() == DeadLetterReason.MISSING_KEY) {
                assertThat(record.key()).isNull();
            } else {
                assertThat(record.key()).startsWith("u-");
            }
        }
    }

    @Test
    void validTransactionsDecodeToTheirIdKeyAndTime() throws MalformedRecordException {
        for (Format format : Format.values()) {
            EventCodec codec = GeneratedStream.TRANSACTIONS.codec(format);
            for (GeneratedRecord record : transactions(mostlyMalformed().format(format).build(), 5_000)) {
                if (record.kind() != RecordKind.MALFORMED) {
                    Event event = codec.decode(record.value(), 0L);
                    assertThat(event.eventId).isEqualTo(record.eventId());
                    assertThat(event.key).isEqualTo(record.key());
                    assertThat(event.eventTime).isEqualTo(record.eventTime());
                }
            }
        }
    }

    @Test
    void avroMalformedRecordsAreTruncatedOrGarbageAndRejectedAsInvalidAvro() {
        List<GeneratedRecord> malformed = malformed(mostlyMalformed().format(Format.AVRO).build(), 5_000);

        assertThat(malformed).isNotEmpty().extracting(GeneratedRecord::malformedReason)
                .containsOnly(DeadLetterReason.INVALID_AVRO);
        assertEachRejectedWithItsReason(malformed, Format.AVRO);
    }

    private static void assertEachRejectedWithItsReason(List<GeneratedRecord> malformed, Format format) {
        EventCodec codec = GeneratedStream.TRANSACTIONS.codec(format);
        for (GeneratedRecord record : malformed) {
            assertThatThrownBy(() -> codec.decode(record.value(), 0L)).as("decoding %s", record)
                    .isInstanceOfSatisfying(MalformedRecordException.class,
                            e -> assertThat(e.reason()).isEqualTo(record.malformedReason()));
        }
    }

    private static List<GeneratedRecord> malformed(GeneratorConfig config, int records) {
        return transactions(config, records).stream().filter(r -> r.kind() == RecordKind.MALFORMED)
                .collect(Collectors.toList());
    }

    /** Transactions only: labels of too-late transactions are due at once, so they turn up early. */
    private static List<GeneratedRecord> transactions(GeneratorConfig config, int records) {
        return GeneratorTestKit.only(GeneratorTestKit.take(config, records), GeneratedStream.TRANSACTIONS);
    }
}
