package io.streamscore.event;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Test vocabulary for events: named instants, the usual bindings of the built-in schemas, and valid transaction
 * events that a test changes one field at a time with {@link #with}.
 */
public final class EventFixtures {
    public static final EventSchema TRANSACTION = EventSchema.builtIn("transaction");
    /** 2023-11-14T22:13:20Z, a plain event time well inside the accepted range. */
    public static final long T0 = 1_700_000_000_000L;
    /** When fixture events were "decoded". */
    public static final long INGEST_TIME = T0 + 250;
    public static final String SOURCE = "payments";

    /** Which fields are id, key and event time in each built-in schema, as an example spec would bind them. */
    private static final Map<String, String[]> BUILT_IN_BINDINGS = Map.of(
            "transaction", new String[] {"event_id", "user_id", "event_time"},
            "click", new String[] {"event_id", "user_id", "event_time"},
            "label", new String[] {"event_id", "event_id", "label_time"},
            "user_profile_change", new String[] {"ts_ms", "after.user_id", "ts_ms"});

    private static final Map<String, EventSchema> BUILT_IN_SCHEMAS = EventSchema.BUILT_IN.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), EventSchema::builtIn));

    private EventFixtures() {}

    /** A built-in schema, loaded once per test JVM. */
    public static EventSchema builtIn(String name) {
        return BUILT_IN_SCHEMAS.get(name);
    }

    public static SourceBinding transactionBinding() {
        return bindingOf(TRANSACTION);
    }

    /** The binding of a built-in schema, with source {@link #SOURCE} and the default record size limit. */
    public static SourceBinding bindingOf(EventSchema schema) {
        String[] fields = BUILT_IN_BINDINGS.get(schema.name());
        if (fields == null) {
            throw new IllegalArgumentException("no fixture binding for schema " + schema.name());
        }
        return new SourceBinding(SOURCE, fields[0], fields[1], fields[2], SourceBinding.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * A valid transaction as {@link JsonEventCodec} or {@link AvroEventCodec} would decode it at {@link #INGEST_TIME}.
     */
    public static Event transaction(String eventId, String userId, double amount, long eventTime) {
        Event event = new Event(TRANSACTION.name(), SOURCE, eventId, userId, eventTime, INGEST_TIME,
                TRANSACTION.newNumbers(), TRANSACTION.newStrings());
        set(event, "event_id", eventId);
        set(event, "user_id", userId);
        set(event, "card_id", "card-" + userId);
        set(event, "merchant_id", "m-42");
        set(event, "merchant_category", "grocery");
        set(event, "amount", amount);
        set(event, "currency", "EUR");
        set(event, "country", "FR");
        set(event, "device_id", "dev-7");
        set(event, "ip", "203.0.113.9");
        set(event, "event_time", eventTime);
        return event;
    }

    /** A typical transaction at {@link #T0}. */
    public static Event transaction() {
        return transaction("tx-1", "user-1", 42.5, T0);
    }

    /** A copy of a transaction with one field's value replaced (null for missing). Identity fields are not updated. */
    public static Event with(Event event, String field, Object value) {
        Event copy = new Event(event.schema, event.source, event.eventId, event.key, event.eventTime,
                event.ingestTime, event.numbers.clone(), event.strings.clone());
        set(copy, field, value);
        return copy;
    }

    /** The exception with which the codec rejects the bytes; fails the test if it decodes them. */
    public static MalformedRecordException rejection(EventCodec codec, byte[] bytes) {
        try {
            Event event = codec.decode(bytes, INGEST_TIME);
            throw new AssertionError("expected the record to be rejected, but it decoded to " + event);
        } catch (MalformedRecordException e) {
            return e;
        }
    }

    /**
     * Decodes {@code count} random corruptions (one to three bytes replaced, from index {@code from} on) of a valid
     * record and returns how many were rejected. Any exception other than {@link MalformedRecordException}, or a
     * rejection without a detail, escapes and fails the test: bad input must always end as a dead letter.
     */
    public static int rejectedCorruptions(EventCodec codec, byte[] valid, int from, int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int rejected = 0;
        for (int i = 0; i < count; i++) {
            byte[] corrupt = valid.clone();
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                corrupt[from + random.nextInt(corrupt.length - from)] = (byte) random.nextInt(256);
            }
            try {
                codec.decode(corrupt, INGEST_TIME);
            } catch (MalformedRecordException e) {
                if (e.detail() == null || e.detail().isBlank()) {
                    throw new AssertionError("rejected without a detail: " + e.reason(), e);
                }
                rejected++;
            }
        }
        return rejected;
    }

    private static void set(Event event, String fieldName, Object value) {
        EventField field = builtIn(event.schema).require(fieldName);
        if (field.type() == FieldType.STRING) {
            event.strings[field.slot()] = (String) value;
        } else if (value == null) {
            event.numbers[field.slot()] = Double.NaN;
        } else if (value instanceof Boolean flag) {
            event.numbers[field.slot()] = flag ? 1.0 : 0.0;
        } else {
            event.numbers[field.slot()] = ((Number) value).doubleValue();
        }
    }
}
