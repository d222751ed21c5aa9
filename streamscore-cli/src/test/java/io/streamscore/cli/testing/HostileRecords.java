package io.streamscore.cli.testing;

import io.streamscore.event.AvroEventCodec;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.EventSchema;
import io.streamscore.spec.SourceSpec;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.generate.FraudPattern;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.RecordKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Records a hostile or broken producer writes to a payments topic: random bytes, truncated records, records over
 * the size limit, empty ones, far-past and far-future event times, and for JSON NaN, Infinity, wrong types, unknown
 * fields, null and empty keys, a JSON array. Every one carries a user id starting with {@link #KEY_PREFIX} (or no
 * Kafka key), so a test can prove that none reached the keyed state.
 */
public final class HostileRecords {
    public static final String KEY_PREFIX = "hostile-";

    /** A hostile record: its Kafka key, bytes, and the expected reason (null: whatever the codec says). */
    private record Hostile(String key, byte[] value, DeadLetterReason reason) {}

    private final Random random;
    private final EventCodec codec;
    private final EventSchema schema;
    private final JsonEventCodec jsonCodec;
    private final List<Hostile> records = new ArrayList<>();

    private HostileRecords(long seed, SourceSpec source) {
        this.random = new Random(seed);
        this.codec = source.codec();
        this.schema = source.schema();
        this.jsonCodec = new JsonEventCodec(source.schema(), source.binding());
    }

    /**
     * {@code perKind} records of every hostile kind for the source's format, made from valid template events, as
     * malformed generated records with the reason each must get (for random bytes and truncations, the reason the
     * source's codec gives; the few that happen to decode are left out).
     */
    public static List<GeneratedRecord> generate(SourceSpec source, List<Event> templates, int perKind, long seed) {
        HostileRecords out = new HostileRecords(seed, source);
        for (int i = 0; i < perKind; i++) {
            out.addAll(templates.get(i % templates.size()), i, source.maxRecordBytes());
        }
        List<GeneratedRecord> generated = new ArrayList<>();
        for (Hostile hostile : out.records) {
            DeadLetterReason reason = hostile.reason() != null ? hostile.reason() : out.codecReason(hostile.value());
            if (reason != null) {
                generated.add(new GeneratedRecord(GeneratedStream.TRANSACTIONS, hostile.key(), hostile.value(), 0L,
                        RecordKind.MALFORMED, reason, "hostile-record-" + generated.size(), false, FraudPattern.NONE));
            }
        }
        return generated;
    }

    private DeadLetterReason codecReason(byte[] value) {
        try {
            codec.decode(value, System.currentTimeMillis());
            return null;
        } catch (MalformedRecordException e) {
            return e.reason();
        }
    }

    private void addAll(Event template, int n, int maxRecordBytes) {
        String key = KEY_PREFIX + n;
        byte[] randomBytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(randomBytes);
        add(n % 2 == 0 ? null : key, randomBytes, null); // half without a Kafka key
        byte[] valid = codec.encode(hostileIdentity(template, key));
        add(key, Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1)), null); // truncated
        byte[] huge = new byte[maxRecordBytes + 1 + random.nextInt(4096)];
        Arrays.fill(huge, (byte) 'x');
        add(key, huge, DeadLetterReason.RECORD_TOO_LARGE);
        add(key, new byte[0], DeadLetterReason.EMPTY_RECORD);
        add(key, withTime(template, key, 1_767_225_600L), DeadLetterReason.INVALID_EVENT_TIME); // seconds: far past
        add(key, withTime(template, key, System.currentTimeMillis() + 3_650L * 86_400_000L),
                DeadLetterReason.INVALID_EVENT_TIME);
        if (codec instanceof JsonEventCodec) {
            addJsonOnly(template, key);
        } else if (codec instanceof AvroEventCodec) {
            add(key, json(template, key, "\"amount\":1.0"), DeadLetterReason.INVALID_AVRO); // JSON in an Avro topic
        }
    }

    private void addJsonOnly(Event template, String key) {
        add(key, json(template, key, "\"amount\":NaN"), DeadLetterReason.NON_FINITE_NUMBER);
        add(key, json(template, key, "\"amount\":Infinity"), DeadLetterReason.NON_FINITE_NUMBER);
        add(key, json(template, key, "\"amount\":\"12.5\""), DeadLetterReason.WRONG_TYPE);
        add(key, json(template, key, "\"amount\":1.0,\"surprise\":{\"nested\":[1,2]}"), DeadLetterReason.UNKNOWN_FIELD);
        add(key, text(jsonText(template, key).replace("\"user_id\":\"" + key + "\"", "\"user_id\":null")),
                DeadLetterReason.MISSING_FIELD);
        add(key, text(jsonText(template, key).replace("\"user_id\":\"" + key + "\"", "\"user_id\":\"\"")),
                DeadLetterReason.MISSING_KEY);
        add(key, text("[" + jsonText(template, key) + "]"), DeadLetterReason.NOT_AN_OBJECT);
    }

    private void add(String key, byte[] value, DeadLetterReason reason) {
        records.add(new Hostile(key, value, reason));
    }

    private Event hostileIdentity(Event template, String key) {
        Event event = copy(template, template.eventTime);
        event.eventId = key + "-" + records.size();
        event.key = key;
        set(event, "event_id", event.eventId);
        set(event, "user_id", key);
        return event;
    }

    private byte[] withTime(Event template, String key, long eventTime) {
        Event event = hostileIdentity(template, key);
        event.eventTime = eventTime;
        event.numbers[schema.require("event_time").slot()] = eventTime;
        return codec.encode(event);
    }

    private String jsonText(Event template, String key) {
        return new String(codec.encode(hostileIdentity(template, key)), StandardCharsets.UTF_8);
    }

    /** The template as JSON with its amount replaced by {@code amountField}. */
    private byte[] json(Event template, String key, String amountField) {
        String text = new String(jsonCodec.encode(hostileIdentity(template, key)),
                StandardCharsets.UTF_8);
        return text(text.replaceFirst("\"amount\":[^,}]+", java.util.regex.Matcher.quoteReplacement(amountField)));
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Event copy(Event e, long eventTime) {
        return new Event(e.schema, e.source, e.eventId, e.key, eventTime, e.ingestTime, e.numbers.clone(),
                e.strings.clone());
    }

    private void set(Event event, String field, String value) {
        event.strings[schema.require(field).slot()] = value;
    }
}
