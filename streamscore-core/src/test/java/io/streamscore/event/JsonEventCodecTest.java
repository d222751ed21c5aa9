package io.streamscore.event;

import static io.streamscore.event.EventFixtures.INGEST_TIME;
import static io.streamscore.event.EventFixtures.T0;
import static io.streamscore.event.EventFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonEventCodecTest {
    private static final String TRANSACTION = "{\"event_id\":\"tx-1\",\"user_id\":\"user-1\","
            + "\"card_id\":\"card-user-1\","
            + "\"merchant_id\":\"m-42\",\"merchant_category\":\"grocery\",\"amount\":42.5,\"currency\":\"EUR\","
            + "\"country\":\"FR\",\"device_id\":\"dev-7\",\"ip\":\"203.0.113.9\",\"event_time\":1700000000000}";
    private static final String PROFILE_CREATED = "{\"before\":null,\"after\":{\"user_id\":\"u-1\",\"country\":\"FR\","
            + "\"home_city\":null,\"risk_tier\":\"low\",\"email_verified\":true,\"account_created\":1600000000000},"
            + "\"op\":\"c\",\"ts_ms\":1700000000000}";

    private final JsonEventCodec codec =
            new JsonEventCodec(EventFixtures.TRANSACTION, EventFixtures.transactionBinding());
    private final EventSchema profiles = EventFixtures.builtIn("user_profile_change");
    private final JsonEventCodec profileCodec = new JsonEventCodec(profiles, EventFixtures.bindingOf(profiles));

    @Test
    void validTransactionDecodesWithIdentityTakenFromItsFields() throws MalformedRecordException {
        Event event = codec.decode(utf8(TRANSACTION), INGEST_TIME);

        assertThat(event).isEqualTo(EventFixtures.transaction());
        assertThat(event.schema).isEqualTo("transaction");
        assertThat(event.source).isEqualTo(EventFixtures.SOURCE);
        assertThat(event.eventId).isEqualTo("tx-1");
        assertThat(event.key).isEqualTo("user-1");
        assertThat(event.eventTime).isEqualTo(T0);
        assertThat(event.ingestTime).isEqualTo(INGEST_TIME);
    }

    @Test
    void fieldsInAnyOrderAndAnySpacingDecodeTheSame() throws MalformedRecordException {
        String body = TRANSACTION.substring(1, TRANSACTION.length() - 1);
        List<String> members = new ArrayList<>(List.of(body.split(",")));
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(members, random);
            String json = " {\n  " + String.join(" ,\n\t", members).replace(":", " : ") + "\n} \n";

            assertThat(codec.decode(utf8(json), INGEST_TIME)).as(json).isEqualTo(EventFixtures.transaction());
        }
    }

    @Test
    void encodeWritesTheCanonicalObjectInSchemaOrder() {
        assertThat(new String(codec.encode(EventFixtures.transaction()), StandardCharsets.UTF_8))
                .isEqualTo(TRANSACTION);
    }

    @Test
    void optionalNestedRecordWithNoValuesIsEncodedAsNullAndDecodesFromNullOrAbsence() throws MalformedRecordException {
        Event created = profileCodec.decode(utf8(PROFILE_CREATED), INGEST_TIME);
        Event withoutBefore = profileCodec.decode(utf8(PROFILE_CREATED.replace("\"before\":null,", "")), INGEST_TIME);

        assertThat(withoutBefore).isEqualTo(created);
        assertThat(created.string(profiles.require("before.user_id").slot())).isNull();
        assertThat(created.number(profiles.require("before.email_verified").slot())).isNaN();
        assertThat(created.number(profiles.require("after.email_verified").slot())).isEqualTo(1.0);
        assertThat(created.eventId).as("a long id in its string form").isEqualTo("1700000000000");
        assertThat(new String(profileCodec.encode(created), StandardCharsets.UTF_8)).isEqualTo(PROFILE_CREATED);
    }

    @Test
    void writeFieldsEmbedsTheEventInALargerDocument() throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JsonEventCodec.FACTORY.createGenerator(text)) {
            out.writeStartObject();
            out.writeNumberField("score", 0.5);
            out.writeFieldName("event");
            out.writeStartObject();
            codec.writeFields(EventFixtures.transaction(), out);
            out.writeEndObject();
            out.writeEndObject();
        }

        assertThat(text).hasToString("{\"score\":0.5,\"event\":" + TRANSACTION + "}");
    }

    @Test
    void noBytesIsAnEmptyRecord() {
        assertThat(rejection(codec, null).reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
        MalformedRecordException empty = rejection(codec, new byte[0]);
        assertThat(empty.reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
        assertThat(empty.detail()).contains("payments");
    }

    @Test
    void recordOverTheSizeLimitIsTooLargeBeforeItIsParsed() {
        SourceBinding small = new SourceBinding("payments", "event_id", "user_id", "event_time", 64);
        JsonEventCodec limited = new JsonEventCodec(EventFixtures.TRANSACTION, small);

        MalformedRecordException e = rejection(limited, utf8("{" + "x".repeat(64)));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.RECORD_TOO_LARGE);
        assertThat(e.detail()).contains("65 bytes", "max_record_bytes 64", "payments");
    }

    @Test
    void malformedJsonIsInvalidJsonAtTheFieldWhereItBreaks() {
        MalformedRecordException e = rejection(codec, utf8(TRANSACTION.replace("42.5", "42.5x")));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(e.detail()).contains("'amount'");
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", "{}", ",", "\"more\""})
    void contentAfterTheObjectIsInvalidJson(String trailing) {
        MalformedRecordException e = rejection(codec, utf8(TRANSACTION + trailing));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(e.detail()).contains("after its object ends");
    }

    @Test
    void fieldGivenTwiceIsInvalidJsonNamingIt() {
        MalformedRecordException top = rejection(codec, utf8(TRANSACTION.replace("\"country\":\"FR\"",
                "\"country\":\"FR\",\"country\":\"DE\"")));
        MalformedRecordException nested = rejection(profileCodec, utf8(PROFILE_CREATED.replace("\"country\":\"FR\"",
                "\"country\":\"FR\",\"country\":\"DE\"")));

        assertThat(top.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(top.detail()).contains("'country'", "more than once");
        assertThat(nested.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(nested.detail()).contains("'after.country'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"tx-1\"", "42", "null", "true", "   "})
    void topLevelValueThatIsNotAnObjectIsRejected(String json) {
        MalformedRecordException e = rejection(codec, utf8(json));

        assertThat(e.reason())
                .isEqualTo(json.isBlank() ? DeadLetterReason.INVALID_JSON : DeadLetterReason.NOT_AN_OBJECT);
        assertThat(e.detail()).contains(json.isBlank() ? "no JSON value" : "transaction");
    }

    @Test
    void fieldTheSchemaDoesNotDefineIsUnknownAtAnyDepth() {
        MalformedRecordException top = rejection(codec, utf8(TRANSACTION.replace("{", "{\"coupon\":\"XMAS\",")));
        MalformedRecordException nested = rejection(profileCodec,
                utf8(PROFILE_CREATED.replace("\"risk_tier\"", "\"nickname\":\"bob\",\"risk_tier\"")));

        assertThat(top.reason()).isEqualTo(DeadLetterReason.UNKNOWN_FIELD);
        assertThat(top.detail()).contains("'coupon'", "transaction");
        assertThat(nested.reason()).isEqualTo(DeadLetterReason.UNKNOWN_FIELD);
        assertThat(nested.detail()).contains("'after.nickname'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"amount\":42.5,", "\"amount\":null,"})
    void requiredFieldAbsentOrNullIsMissing(String amount) {
        MalformedRecordException e = rejection(codec, utf8(TRANSACTION.replace("\"amount\":42.5,",
                amount.contains("null") ? amount : "")));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(e.detail()).contains("'amount'");
    }

    @Test
    void requiredFieldOfAPresentOptionalRecordIsMissing() {
        MalformedRecordException e = rejection(profileCodec, utf8(PROFILE_CREATED.replace("\"country\":\"FR\",", "")));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(e.detail()).contains("'after.country'");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "amount     | \"42.5\"                   | a number, got a string",
        "amount     | {\"value\": 42.5}          | a number, got an object",
        "amount     | true                       | a number, got the boolean true",
        "event_time | 1700000000000.5            | an integer, got the number 1700000000000.5",
        "event_time | 1.7e12                     | an integer, got the number 1.7e12",
        "event_time | \"1700000000000\"          | an integer, got a string",
        "event_time | 9007199254740993           | within ±2^53",
        "event_time | 123456789012345678901234   | within ±2^53",
        "country    | 33                         | a string, got the integer 33",
        "country    | [\"FR\"]                   | a string, got an array"})
    void valueOfTheWrongTypeIsRejectedNamingTheField(String field, String value, String expected) {
        String json = TRANSACTION.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9.]+)", "\"" + field + "\":" + value);

        MalformedRecordException e = rejection(codec, utf8(json));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(e.detail()).contains("'" + field + "'", expected);
    }

    @Test
    void nestedRecordValuesAndEnumsAreTypeChecked() {
        MalformedRecordException flag = rejection(profileCodec, utf8(PROFILE_CREATED.replace("true", "1")));
        MalformedRecordException op = rejection(profileCodec, utf8(PROFILE_CREATED.replace("\"c\"", "\"x\"")));
        MalformedRecordException after = rejection(profileCodec,
                utf8(PROFILE_CREATED.replace("\"before\":null", "\"before\":\"none\"")));

        assertThat(List.of(flag.reason(), op.reason(), after.reason())).containsOnly(DeadLetterReason.WRONG_TYPE);
        assertThat(flag.detail()).contains("'after.email_verified'", "true or false");
        assertThat(op.detail()).contains("'op'", "[c, u, d, r]");
        assertThat(after.detail()).contains("'before'", "an object or null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400"})
    void nonFiniteNumberIsRejectedNamingTheField(String number) {
        MalformedRecordException e = rejection(codec, utf8(TRANSACTION.replace("42.5", number)));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.NON_FINITE_NUMBER);
        assertThat(e.detail()).contains("'amount'");
    }

    @Test
    void nonFiniteTokenForALongIsNonFinite() {
        MalformedRecordException e = rejection(codec, utf8(TRANSACTION.replace("1700000000000", "NaN")));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.NON_FINITE_NUMBER);
        assertThat(e.detail()).contains("'event_time'");
    }

    @Test
    void longKeyBecomesItsDecimalString() throws MalformedRecordException {
        SourceBinding byTime = new SourceBinding("payments", "event_id", "event_time", "event_time", 1 << 20);

        Event event = new JsonEventCodec(EventFixtures.TRANSACTION, byTime).decode(utf8(TRANSACTION), INGEST_TIME);

        assertThat(event.key).isEqualTo("1700000000000");
    }

    @Test
    void emptyKeyIsAMissingKey() {
        MalformedRecordException e = rejection(codec, utf8(TRANSACTION.replace("\"user-1\"", "\"\"")));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_KEY);
        assertThat(e.detail()).contains("'user_id'", "empty");
    }

    /**
     * A nullable id field (an Avro {@code ["null", "string"]}) left null: the event would have no id, and every such
     * event of a source would upsert onto one results row ("null"), and fail the feature store's writes.
     */
    @Test
    void idFieldThatIsNullIsMissing() {
        SourceBinding byHomeCity = new SourceBinding("profiles", "after.home_city", "after.user_id", "ts_ms", 1 << 20);
        JsonEventCodec byNullableId = new JsonEventCodec(profiles, byHomeCity);

        MalformedRecordException e = rejection(byNullableId, utf8(PROFILE_CREATED));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(e.detail()).contains("id field 'after.home_city'", "missing");
    }

    /** An id or key of kilobytes is no id: it would make every output record of the event as large. */
    @Test
    void idOrKeyLongerThanTheLimitIsRejectedNamingTheField() throws MalformedRecordException {
        String longest = "k".repeat(SourceBinding.MAX_ID_CHARS);
        String tooLong = longest + "k";

        MalformedRecordException key = rejection(codec, utf8(TRANSACTION.replace("\"user-1\"", "\"" + tooLong + "\"")));
        MalformedRecordException id = rejection(codec, utf8(TRANSACTION.replace("\"tx-1\"", "\"" + tooLong + "\"")));

        assertThat(key.reason()).isEqualTo(DeadLetterReason.ID_OR_KEY_TOO_LONG);
        assertThat(key.detail()).contains("'user_id'", "4097 characters");
        assertThat(id.reason()).isEqualTo(DeadLetterReason.ID_OR_KEY_TOO_LONG);
        assertThat(id.detail()).contains("'event_id'");
        assertThat(codec.decode(utf8(TRANSACTION.replace("\"user-1\"", "\"" + longest + "\"")), INGEST_TIME).key)
                .isEqualTo(longest);
    }

    @Test
    void keyInsideAnAbsentOptionalRecordIsAMissingKey() {
        String deleted = "{\"before\":{\"user_id\":\"u-1\",\"country\":\"FR\",\"home_city\":null,\"risk_tier\":\"low\","
                + "\"email_verified\":true,\"account_created\":1600000000000},\"after\":null,\"op\":\"d\","
                + "\"ts_ms\":1700000000000}";

        MalformedRecordException e = rejection(profileCodec, utf8(deleted));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_KEY);
        assertThat(e.detail()).contains("'after.user_id'", "missing");
    }

    @ParameterizedTest
    @ValueSource(longs = {1_700_000_000L, 1_700_000_000_000_000L, 0, -1_700_000_000_000L})
    void eventTimeOutsideTheCenturyIsInvalid(long eventTime) {
        MalformedRecordException e =
                rejection(codec, utf8(TRANSACTION.replace("1700000000000", Long.toString(eventTime))));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_EVENT_TIME);
        assertThat(e.detail()).contains("'event_time'", Long.toString(eventTime));
    }

    @Test
    void randomlyCorruptedRecordsAreRejectedOnlyWithAReason() {
        int rejected = EventFixtures.rejectedCorruptions(profileCodec, utf8(PROFILE_CREATED), 0, 2_000, 5);

        assertThat(rejected).isGreaterThan(2_000 / 2);
    }

    @Test
    void encodingAnEventDecodingWouldRejectIsAProgrammerError() {
        assertThatThrownBy(() -> codec.encode(EventFixtures.with(EventFixtures.transaction(), "amount", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'amount'");
        assertThatThrownBy(() -> codec.encode(EventFixtures.with(EventFixtures.transaction(), "amount",
                Double.POSITIVE_INFINITY))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'amount'");
        Event click = new Event("click", "clicks", "c-1", "u-1", T0, T0, new double[1], new String[5]);
        assertThatThrownBy(() -> codec.encode(click))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transaction");
    }

    @Test
    void bindingToAFieldThatCannotBeAKeyFailsAtConstruction() {
        SourceBinding byAmount = new SourceBinding("payments", "event_id", "amount", "event_time", 1 << 20);

        assertThatThrownBy(() -> new JsonEventCodec(EventFixtures.TRANSACTION, byAmount))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'amount'", "key");
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
