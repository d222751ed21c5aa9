package io.streamscore.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebeziumEnvelopeCodecTest {
    private static final EventSchema SCHEMA = EventSchema.builtIn("user_profile_change");
    private static final DebeziumEnvelopeCodec CODEC = new DebeziumEnvelopeCodec(SCHEMA,
            new SourceBinding("profiles", "after.user_id", "after.user_id", "ts_ms", 1 << 20));
    private static final String ROW = "{\"user_id\": \"u1\", \"country\": \"FR\", \"home_city\": null, "
            + "\"risk_tier\": \"low\", \"email_verified\": true, \"account_created\": 1767225600000}";
    private static final long TS = 1_767_225_700_000L;

    private static Event decode(String json) throws MalformedRecordException {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8), 7L);
    }

    private static DeadLetterReason reasonOf(String json) {
        try {
            decode(json);
        } catch (MalformedRecordException e) {
            return e.reason();
        }
        throw new AssertionError("decoded: " + json);
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsItToTaskManagers() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(CODEC);
        }
        EventCodec copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (EventCodec) in.readObject();
        }

        Event event = copy.decode(("{\"after\": " + ROW + ", \"op\": \"c\", \"ts_ms\": " + TS + "}")
                .getBytes(StandardCharsets.UTF_8), 7L);
        assertThat(event.key).isEqualTo("u1");
    }

    @Test
    void updateIsKeyedByTheAfterRowAndTimedByTsMs() throws Exception {
        Event event = decode("{\"before\": " + ROW + ", \"after\": " + ROW.replace("low", "high")
                + ", \"op\": \"u\", \"ts_ms\": " + TS + "}");

        assertThat(event.key).isEqualTo("u1");
        assertThat(event.eventTime).isEqualTo(TS);
        assertThat(event.eventId).isEqualTo("u1@" + TS + "/u");
        assertThat(event.string(SCHEMA.require("after.risk_tier").slot())).isEqualTo("high");
        assertThat(event.string(SCHEMA.require("op").slot())).isEqualTo("u");
    }

    @Test
    void debeziumMetadataIsSkippedAndSourceTsMsIsTheEventTime() throws Exception {
        Event event = decode("{\"schema\": {\"type\": \"struct\"}, \"payload\": {\"before\": null, \"after\": " + ROW
                + ", \"source\": {\"connector\": \"postgresql\", \"ts_ms\": " + (TS - 500) + ", \"lsn\": 42}, "
                + "\"transaction\": null, \"op\": \"c\", \"ts_ms\": " + TS + ", \"ts_us\": 1}}");

        assertThat(event.eventTime).isEqualTo(TS - 500);
        assertThat(event.key).isEqualTo("u1");
    }

    @Test
    void deleteIsKeyedByTheBeforeRowAndKeepsNoRow() throws Exception {
        Event event = decode("{\"before\": {\"user_id\": \"u1\"}, \"after\": null, \"op\": \"d\", \"ts_ms\": "
                + TS + "}");

        assertThat(event.key).isEqualTo("u1");
        assertThat(event.string(SCHEMA.require("op").slot())).isEqualTo("d");
        assertThat(event.string(SCHEMA.require("after.user_id").slot())).isNull();
        assertThat(event.string(SCHEMA.require("before.user_id").slot())).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"after\": null, \"ts_ms\": 1767225700000}",
        "{\"op\": \"t\", \"ts_ms\": 1767225700000}",
        "{\"op\": 3, \"ts_ms\": 1767225700000}",
        "{\"op\": \"u\", \"after\": null, \"ts_ms\": 1767225700000}",
        "{\"op\": \"d\", \"before\": null, \"after\": null, \"ts_ms\": 1767225700000}",
        "{\"op\": \"c\", \"after\": \"row\", \"ts_ms\": 1767225700000}",
        "{\"schema\": {}, \"payload\": [1]}",
    })
    void malformedEnvelopeIsAnInvalidEnvelope(String json) {
        assertThat(reasonOf(json)).isEqualTo(DeadLetterReason.INVALID_ENVELOPE);
        assertThat(DeadLetterReason.INVALID_ENVELOPE.code()).isEqualTo("invalid_envelope");
    }

    @Test
    void sourceTimeThatIsNoIntegerIsAnInvalidEnvelope() {
        assertThat(reasonOf("{\"op\": \"c\", \"after\": " + ROW + ", \"source\": {\"ts_ms\": \"soon\"}, "
                + "\"ts_ms\": " + TS + "}")).isEqualTo(DeadLetterReason.INVALID_ENVELOPE);
    }

    @Test
    void rowsAreDecodedStrictly() {
        assertThat(reasonOf("{\"op\": \"c\", \"after\": {\"user_id\": \"u1\"}, \"ts_ms\": " + TS + "}"))
                .isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(reasonOf("{\"op\": \"c\", \"after\": " + ROW.replace("\"FR\"", "1") + ", \"ts_ms\": " + TS + "}"))
                .isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(reasonOf("{\"op\": \"c\", \"after\": " + ROW.replace("u1", "") + ", \"ts_ms\": " + TS + "}"))
                .isEqualTo(DeadLetterReason.MISSING_KEY);
        assertThat(reasonOf("[1]")).isEqualTo(DeadLetterReason.NOT_AN_OBJECT);
        assertThat(reasonOf("{\"op\": ")).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(reasonOf("")).isEqualTo(DeadLetterReason.EMPTY_RECORD);
    }

    @Test
    void encodedEnvelopeDecodesToTheSameRow() throws Exception {
        Event event = decode("{\"before\": null, \"after\": " + ROW + ", \"op\": \"r\", \"ts_ms\": " + TS + "}");

        Event again = CODEC.decode(CODEC.encode(event), 7L);

        assertThat(again).isEqualTo(event);
    }

    @Test
    void schemaThatIsNoEnvelopeIsRefused() {
        assertThatThrownBy(() -> new DebeziumEnvelopeCodec(EventSchema.builtIn("click"),
                new SourceBinding("clicks", "event_id", "user_id", "event_time", 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`op`");
        assertThat(DebeziumEnvelopeCodec.envelopeProblem(SCHEMA, "before.user_id")).contains("after.user_id");
    }
}
