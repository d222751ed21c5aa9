package io.streamscore.event;

import static io.streamscore.event.EventFixtures.INGEST_TIME;
import static io.streamscore.event.EventFixtures.T0;
import static io.streamscore.event.EventFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroEventCodecTest {
    private static final int HEADER_BYTES = 10;

    private final AvroEventCodec codec =
            new AvroEventCodec(EventFixtures.TRANSACTION, EventFixtures.transactionBinding());
    private final EventSchema profiles = EventFixtures.builtIn("user_profile_change");
    private final AvroEventCodec profileCodec = new AvroEventCodec(profiles, EventFixtures.bindingOf(profiles));

    @Test
    void encodesSingleObjectFormatThatPlainAvroReads() throws IOException {
        byte[] bytes = codec.encode(EventFixtures.transaction());

        long fingerprint = SchemaNormalization.parsingFingerprint64(EventFixtures.TRANSACTION.avro());
        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
        assertThat(Arrays.copyOfRange(bytes, 2, HEADER_BYTES)).containsExactly(littleEndian(fingerprint));
        GenericRecord read =
                new BinaryMessageDecoder<GenericRecord>(GenericData.get(), EventFixtures.TRANSACTION.avro())
                        .decode(bytes);
        assertThat(read.get("amount")).isEqualTo(42.5);
        assertThat(read.get("user_id")).hasToString("user-1");
    }

    @Test
    void decodesWhatPlainAvroWrites() throws MalformedRecordException {
        Event event = codec.decode(plainAvro(transactionRecord()), INGEST_TIME);

        assertThat(event).isEqualTo(EventFixtures.transaction());
        assertThat(event.key).isEqualTo("user-1");
        assertThat(event.eventTime).isEqualTo(T0);
    }

    @Test
    void nullOptionalRecordLeavesItsFieldsMissing() throws MalformedRecordException {
        GenericData.Record after = new GenericData.Record(profiles.avro().getField("after").schema().getTypes().get(1));
        after.put("user_id", "u-1");
        after.put("country", "FR");
        after.put("risk_tier", "low");
        after.put("email_verified", true);
        after.put("account_created", 1_600_000_000_000L);
        GenericData.Record change = new GenericData.Record(profiles.avro());
        change.put("after", after);
        change.put("op", new GenericData.EnumSymbol(profiles.avro().getField("op").schema(), "c"));
        change.put("ts_ms", T0);

        Event event = profileCodec.decode(plainAvro(change), INGEST_TIME);

        assertThat(event.key).isEqualTo("u-1");
        assertThat(event.eventId).isEqualTo(Long.toString(T0));
        assertThat(event.string(profiles.require("before.user_id").slot())).isNull();
        assertThat(event.number(profiles.require("before.account_created").slot())).isNaN();
        assertThat(event.string(profiles.require("after.home_city").slot())).isNull();
        assertThat(event.number(profiles.require("after.account_created").slot())).isEqualTo(1.6e12);
        assertThat(event.string(profiles.require("op").slot())).isEqualTo("c");
    }

    @Test
    void noBytesIsAnEmptyRecordAndTooManyIsTooLarge() {
        AvroEventCodec limited = new AvroEventCodec(EventFixtures.TRANSACTION,
                new SourceBinding("payments", "event_id", "user_id", "event_time", 32));

        assertThat(rejection(codec, new byte[0]).reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
        MalformedRecordException tooLarge = rejection(limited, codec.encode(EventFixtures.transaction()));
        assertThat(tooLarge.reason()).isEqualTo(DeadLetterReason.RECORD_TOO_LARGE);
        assertThat(tooLarge.detail()).contains("max_record_bytes 32", "payments");
    }

    @Test
    void wrongMarkerBytesAreInvalidAvroInTheHeader() {
        byte[] bytes = codec.encode(EventFixtures.transaction());
        bytes[0] = '{';

        MalformedRecordException e = rejection(codec, bytes);

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_AVRO);
        assertThat(e.detail()).contains("header");
    }

    @Test
    void unknownSchemaFingerprintIsInvalidAvro() {
        byte[] clickBytes = new AvroEventCodec(EventFixtures.builtIn("click"),
                EventFixtures.bindingOf(EventFixtures.builtIn("click"))).encode(clickEvent());

        MalformedRecordException e = rejection(codec, clickBytes);

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_AVRO);
        assertThat(e.detail()).contains("header", "fingerprint");
    }

    @Test
    void recordTruncatedAtEveryLengthIsInvalidAvroNamingWhereItStopped() {
        for (String name : EventSchema.BUILT_IN) {
            EventSchema schema = EventFixtures.builtIn(name);
            AvroEventCodec schemaCodec = new AvroEventCodec(schema, EventFixtures.bindingOf(schema));
            RandomEvents events = new RandomEvents(schema, EventFixtures.bindingOf(schema), 13);
            for (int i = 0; i < 5; i++) {
                byte[] whole = schemaCodec.encode(events.next());
                for (int length = 1; length < whole.length; length++) {
                    MalformedRecordException e = rejection(schemaCodec, Arrays.copyOf(whole, length));

                    assertThat(e.reason()).as("%s truncated to %d bytes", name, length)
                            .isEqualTo(DeadLetterReason.INVALID_AVRO);
                    assertThat(e.detail()).as("%s truncated to %d bytes", name, length)
                            .contains(length < HEADER_BYTES ? "header" : "at field '");
                }
            }
        }
        byte[] change = profileCodec.encode(profileChange());
        assertThat(rejection(profileCodec, Arrays.copyOf(change, change.length - 1)).detail()).contains("'ts_ms'");
    }

    @Test
    void bytesAfterTheRecordAreInvalidAvro() {
        byte[] whole = codec.encode(EventFixtures.transaction());

        MalformedRecordException e = rejection(codec, Arrays.copyOf(whole, whole.length + 3));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_AVRO);
        assertThat(e.detail()).contains("3 bytes follow", "'event_time'");
    }

    @Test
    void stringLongerThanTheRecordIsRejectedBeforeAvroAllocatesIt() {
        byte[] header = Arrays.copyOf(codec.encode(EventFixtures.transaction()), HEADER_BYTES);
        byte[] twoGigabyteString = {(byte) 0x80, (byte) 0xd0, (byte) 0xac, (byte) 0xf3, 0x0e}; // zig-zag 2e9
        byte[] bytes = Arrays.copyOf(header, HEADER_BYTES + twoGigabyteString.length);
        System.arraycopy(twoGigabyteString, 0, bytes, HEADER_BYTES, twoGigabyteString.length);

        MalformedRecordException e = rejection(codec, bytes);

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_AVRO);
        assertThat(e.detail()).contains("'event_id'", "2000000000 bytes is declared");
    }

    @Test
    void unionBranchOutOfRangeIsInvalidAvroNamingTheField() {
        byte[] bytes = profileCodec.encode(profileChange());
        bytes[HEADER_BYTES] = 0x06; // branch 3 of the ["null", user_profile] union of 'before'

        MalformedRecordException e = rejection(profileCodec, bytes);

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_AVRO);
        assertThat(e.detail()).contains("'before'");
    }

    @Test
    void nonFiniteDoubleIsRejectedNamingTheField() {
        GenericData.Record record = transactionRecord();
        record.put("amount", Double.NaN);

        MalformedRecordException e = rejection(codec, plainAvro(record));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.NON_FINITE_NUMBER);
        assertThat(e.detail()).contains("'amount'");
    }

    @Test
    void longBeyondWhatADoubleHoldsExactlyIsTheWrongType() {
        GenericData.Record record = transactionRecord();
        record.put("event_time", (1L << 53) + 1);

        MalformedRecordException e = rejection(codec, plainAvro(record));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(e.detail()).contains("'event_time'", "±2^53");
    }

    @Test
    void emptyKeyIsAMissingKey() {
        GenericData.Record record = transactionRecord();
        record.put("user_id", "");

        MalformedRecordException e = rejection(codec, plainAvro(record));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_KEY);
        assertThat(e.detail()).contains("'user_id'");
    }

    @Test
    void eventTimeInSecondsIsInvalid() {
        GenericData.Record record = transactionRecord();
        record.put("event_time", T0 / 1000);

        MalformedRecordException e = rejection(codec, plainAvro(record));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_EVENT_TIME);
        assertThat(e.detail()).contains("'event_time'", Long.toString(T0 / 1000));
    }

    @Test
    void randomlyCorruptedRecordsAreRejectedOnlyWithAReason() {
        int rejected = EventFixtures.rejectedCorruptions(profileCodec, profileCodec.encode(profileChange()),
                HEADER_BYTES, 5_000, 3);

        assertThat(rejected).isGreaterThan(5_000 / 2);
    }

    @Test
    void encodingAnEventDecodingWouldRejectIsAProgrammerError() {
        Event badOp = new Event(profileChange().schema, "profiles", "1", "u-1", T0, T0,
                profileChange().numbers, profileChange().strings.clone());
        badOp.strings[profiles.require("op").slot()] = "x";

        assertThatThrownBy(() -> profileCodec.encode(badOp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'op'");
        assertThatThrownBy(() -> codec.encode(EventFixtures.with(EventFixtures.transaction(), "user_id", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'user_id'");
    }

    /** A 'create' change: before is null, after has no home city. */
    private Event profileChange() {
        double[] numbers = profiles.newNumbers();
        String[] strings = profiles.newStrings();
        strings[profiles.require("after.user_id").slot()] = "u-1";
        strings[profiles.require("after.country").slot()] = "FR";
        strings[profiles.require("after.risk_tier").slot()] = "low";
        numbers[profiles.require("after.email_verified").slot()] = 1.0;
        numbers[profiles.require("after.account_created").slot()] = 1_600_000_000_000L;
        strings[profiles.require("op").slot()] = "c";
        numbers[profiles.require("ts_ms").slot()] = T0;
        return new Event(profiles.name(), EventFixtures.SOURCE, Long.toString(T0), "u-1", T0, INGEST_TIME, numbers,
                strings);
    }

    private static Event clickEvent() {
        return new Event("click", EventFixtures.SOURCE, "c-1", "u-1", T0, INGEST_TIME, new double[] {T0},
                new String[] {"c-1", "u-1", "s-1", "/home", "view"});
    }

    /** The fixture transaction as Avro's own generic record. */
    private static GenericData.Record transactionRecord() {
        GenericData.Record record = new GenericData.Record(EventFixtures.TRANSACTION.avro());
        Event event = EventFixtures.transaction();
        for (EventField field : EventFixtures.TRANSACTION.fields()) {
            record.put(field.name(), switch (field.type()) {
                case STRING -> event.string(field.slot());
                case DOUBLE -> event.number(field.slot());
                case LONG -> (long) event.number(field.slot());
                case BOOLEAN -> event.number(field.slot()) == 1.0;
            });
        }
        return record;
    }

    /** What a producer using plain Avro would send. */
    private static byte[] plainAvro(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static byte[] littleEndian(long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }
}
