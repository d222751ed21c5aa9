package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.EventSchema;
import io.streamscore.spec.Format;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

/**
 * Each malformed record has exactly the one defect its reason names. Until the strict codecs are on main, JSON
 * records are checked against {@link TransactionJsonDefects} and Avro records against Avro's own decoder.
 */
class MalformedTransactionTest {
    private static final GeneratorConfig.Builder MOSTLY_MALFORMED = GeneratorConfig.builder().seed(3)
            .malformedShare(0.3);

    @Test
    void jsonMalformedRecordsCoverEveryReasonWithExactlyThatDefect() {
        List<GeneratedRecord> malformed = malformed(MOSTLY_MALFORMED.build(), 30_000);

        assertThat(malformed).extracting(GeneratedRecord::malformedReason).containsOnly(
                DeadLetterReason.INVALID_JSON, DeadLetterReason.WRONG_TYPE, DeadLetterReason.MISSING_FIELD,
                DeadLetterReason.NON_FINITE_NUMBER, DeadLetterReason.UNKNOWN_FIELD, DeadLetterReason.MISSING_KEY)
                .contains(DeadLetterReason.INVALID_JSON, DeadLetterReason.WRONG_TYPE, DeadLetterReason.MISSING_FIELD,
                        DeadLetterReason.NON_FINITE_NUMBER, DeadLetterReason.UNKNOWN_FIELD,
                        DeadLetterReason.MISSING_KEY);
        for (GeneratedRecord record : malformed) {
            assertThat(TransactionJsonDefects.of(record.value())).as("defects of %s", record)
                    .isEqualTo(Set.of(record.malformedReason()));
        }
    }

    @Test
    void nonFiniteAmountIsTheBareNaNToken() {
        GeneratedRecord nan = malformed(MOSTLY_MALFORMED.build(), 5_000).stream()
                .filter(r -> r.malformedReason() == DeadLetterReason.NON_FINITE_NUMBER).findFirst().orElseThrow();

        assertThat(new String(nan.value(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"amount\":NaN");
    }

    @Test
    void missingKeyRecordsTravelWithoutKeyAndOthersKeepTheirUser() {
        for (GeneratedRecord record : malformed(MOSTLY_MALFORMED.build(), 10_000)) {
            if (record.malformedReason() == DeadLetterReason.MISSING_KEY) {
                assertThat(record.key()).isNull();
            } else {
                assertThat(record.key()).startsWith("u-");
            }
        }
    }

    @Test
    void validJsonTransactionsHaveNoDefect() {
        transactions(MOSTLY_MALFORMED.build(), 5_000).stream()
                .filter(r -> r.kind() != RecordKind.MALFORMED)
                .forEach(r -> assertThat(TransactionJsonDefects.of(r.value())).as("%s", r).isEmpty());
    }

    @Test
    void avroMalformedRecordsFailToDecodeWhileValidOnesDecode() throws java.io.IOException {
        List<GeneratedRecord> records = transactions(MOSTLY_MALFORMED.format(Format.AVRO).build(), 5_000);
        BinaryMessageDecoder<GenericRecord> decoder =
                new BinaryMessageDecoder<>(GenericData.get(), EventSchema.builtIn("transaction").avro());

        for (GeneratedRecord record : records) {
            if (record.kind() == RecordKind.MALFORMED) {
                assertThat(record.malformedReason()).isEqualTo(DeadLetterReason.INVALID_AVRO);
                assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(record.value()))).as("%s", record)
                        .isInstanceOfAny(java.io.IOException.class, org.apache.avro.AvroRuntimeException.class);
            } else {
                assertThat(decoder.decode(ByteBuffer.wrap(record.value())).get("event_id").toString())
                        .isEqualTo(record.eventId());
            }
        }
        assertThat(records).anyMatch(r -> r.kind() == RecordKind.MALFORMED);
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
