package io.streamscore.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile input for both codecs: every record either decodes to a usable event (non-empty key, event time in the
 * accepted range, finite numbers) or is rejected with a reason and a detail.
 * Nothing else may escape: any other exception would fail the Flink source and restart the job on the same record
 * forever.
 */
class HostileInputFuzzTest {
    private static final String VALID = """
            {"event_id":"tx-1","user_id":"user-1","card_id":"card-1","merchant_id":"m-42","merchant_category":"grocery",\
            "amount":42.5,"currency":"EUR","country":"FR","device_id":"dev-7","ip":"203.0.113.9","event_time":%d}""";

    private final JsonEventCodec json =
            new JsonEventCodec(EventFixtures.TRANSACTION, EventFixtures.transactionBinding());
    private final AvroEventCodec avro =
            new AvroEventCodec(EventFixtures.TRANSACTION, EventFixtures.transactionBinding());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NaN literal           | "amount":42.5              | "amount":NaN                  | NON_FINITE_NUMBER
            Infinity literal      | "amount":42.5              | "amount":-Infinity            | NON_FINITE_NUMBER
            overflow to infinity  | "amount":42.5              | "amount":1e400                | NON_FINITE_NUMBER
            NaN as a string       | "amount":42.5              | "amount":"NaN"                | WRONG_TYPE
            amount as text        | "amount":42.5              | "amount":"42.5"               | WRONG_TYPE
            amount as object      | "amount":42.5              | "amount":{"v":1}              | WRONG_TYPE
            user as number list   | "user_id":"user-1"         | "user_id":[1,2]               | WRONG_TYPE
            time as text          | "event_time":%d            | "event_time":"yesterday"      | WRONG_TYPE
            time as fraction      | "event_time":%d            | "event_time":1767225600000.5  | WRONG_TYPE
            null key              | "user_id":"user-1"         | "user_id":null                | MISSING_FIELD
            empty key             | "user_id":"user-1"         | "user_id":""                  | MISSING_KEY
            unknown field         | "ip":"203.0.113.9"         | "ip":"203.0.113.9","x":1      | UNKNOWN_FIELD
            far past (seconds)    | "event_time":%d            | "event_time":1767225600       | INVALID_EVENT_TIME
            far future (micros)   | "event_time":%d            | "event_time":1767225600000000 | INVALID_EVENT_TIME
            year 2101             | "event_time":%d            | "event_time":4133980800000    | INVALID_EVENT_TIME
            """)
    void hostileJsonFieldIsRejectedWithItsReason(String name, String field, String hostile, DeadLetterReason reason) {
        long eventTime = EventFixtures.T0;
        String valid = VALID.formatted(eventTime);
        String record = valid.replace(field.formatted(eventTime), hostile);
        assertThat(record).as("the case must change the record").isNotEqualTo(valid);
        MalformedRecordException e = EventFixtures.rejection(json, record.getBytes(StandardCharsets.UTF_8));
        assertThat(e.reason()).as(name + ": " + e.detail()).isEqualTo(reason);
        assertThat(e.detail()).isNotBlank();
    }

    @Test
    void randomBytesTruncationsAndHugeRecordsNeverEscapeAsOtherExceptions() {
        Random random = new Random(8);
        byte[] validJson = VALID.formatted(EventFixtures.T0).getBytes(StandardCharsets.UTF_8);
        byte[] validAvro = avro.encode(EventFixtures.transaction());
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            for (EventCodec codec : new EventCodec[] {json, avro}) {
                byte[] valid = codec == json ? validJson : validAvro;
                decoded += decodesOrRejects(codec, hostile(random, valid)) ? 1 : 0;
            }
        }
        assertThat(decoded).as("a few mutations still decode (e.g. a changed letter in a string)").isPositive();
    }

    @Test
    void recordsOverTheSizeLimitAreRejectedBeforeParsing() {
        byte[] huge = new byte[SourceBinding.DEFAULT_MAX_RECORD_BYTES + 1];
        Arrays.fill(huge, (byte) '[');
        for (EventCodec codec : new EventCodec[] {json, avro}) {
            assertThat(EventFixtures.rejection(codec, huge).reason()).isEqualTo(DeadLetterReason.RECORD_TOO_LARGE);
            assertThat(EventFixtures.rejection(codec, new byte[0]).reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
        }
    }

    @Test
    void deeplyNestedJsonIsRejectedNotAStackOverflow() {
        String nested = "{\"user_id\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThat(EventFixtures.rejection(json, nested.getBytes(StandardCharsets.UTF_8)).reason())
                .isIn(DeadLetterReason.INVALID_JSON, DeadLetterReason.WRONG_TYPE);
    }

    /** Random bytes, a truncation, byte flips, or a spliced copy of the valid record. */
    private static byte[] hostile(Random random, byte[] valid) {
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1 -> {
                return Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
            }
            case 2 -> {
                byte[] bytes = valid.clone();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            default -> {
                int cut = random.nextInt(valid.length);
                byte[] bytes = Arrays.copyOf(valid, valid.length + cut);
                System.arraycopy(valid, 0, bytes, valid.length, cut);
                return bytes;
            }
        }
    }

    private static boolean decodesOrRejects(EventCodec codec, byte[] bytes) {
        long ingest = EventFixtures.INGEST_TIME;
        try {
            Event event = codec.decode(bytes, ingest);
            assertThat(event.key).isNotEmpty();
            assertThat(event.eventTime).isBetween(SourceBinding.MIN_EVENT_TIME, SourceBinding.MAX_EVENT_TIME);
            for (double number : event.numbers) {
                assertThat(Double.isInfinite(number)).as("infinite value decoded from %s", Arrays.toString(bytes))
                        .isFalse();
            }
            return true;
        } catch (MalformedRecordException e) {
            assertThat(e.detail()).as("detail of %s", e.reason()).isNotBlank();
            return false;
        }
    }
}
