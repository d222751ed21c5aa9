package io.streamscore.generate;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import io.streamscore.spec.Format;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Spoils a valid transaction in one of the ways upstream systems really do, each with exactly one defect, so that a
 * strict decoder has exactly one {@link DeadLetterReason} to give. JSON records cycle through all the reasons a JSON
 * decoder knows; Avro records, whose writer cannot produce a wrong type, are truncated or replaced by garbage.
 * JSON defects are made on a Jackson tree of the codec's valid bytes: malformed records are rare (about 1%), so
 * the tree costs nothing that matters.
 */
final class MalformedTransactionWriter {
    private static final List<DeadLetterReason> JSON_REASONS = List.of(DeadLetterReason.INVALID_JSON,
            DeadLetterReason.WRONG_TYPE, DeadLetterReason.MISSING_FIELD, DeadLetterReason.NON_FINITE_NUMBER,
            DeadLetterReason.UNKNOWN_FIELD, DeadLetterReason.MISSING_KEY);
    /** Fields whose absence is only a missing field, never a missing key, id or event time. */
    static final List<String> DROPPABLE_FIELDS = List.of("card_id", "merchant_id", "merchant_category", "amount",
            "currency", "country", "device_id", "ip");
    static final List<String> UNKNOWN_FIELDS = List.of("coupon_code", "risk_score", "channel");
    static final List<String> NON_NUMBERS = List.of("abc", "12,50", "n/a");
    private static final int AVRO_SINGLE_OBJECT_MARKER = 0xC3;
    private static final int MIN_GARBAGE_BYTES = 8;
    private static final int MAX_GARBAGE_BYTES = 64;

    /** The spoiled bytes, the reason a strict decoder gives for them, and the record key they travel with. */
    record Malformed(byte[] value, DeadLetterReason reason, String key) {}

    // NaN is written as the bare token NaN, as some producers (Python's json.dumps) do; the decoder must refuse it.
    private final JsonMapper mapper = JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
    private final Format format;

    MalformedTransactionWriter(Format format) {
        this.format = format;
    }

    Malformed spoil(Event transaction, byte[] validValue, SplittableRandom random) {
        if (format == Format.AVRO) {
            byte[] value = random.nextBoolean() ? truncate(validValue, random) : garbage(random);
            return new Malformed(value, DeadLetterReason.INVALID_AVRO, transaction.key);
        }
        DeadLetterReason reason = JSON_REASONS.get(random.nextInt(JSON_REASONS.size()));
        if (reason == DeadLetterReason.INVALID_JSON) {
            return new Malformed(truncate(validValue, random), reason, transaction.key);
        }
        ObjectNode json = parse(validValue);
        switch (reason) {
            case WRONG_TYPE -> json.put("amount", pick(NON_NUMBERS, random));
            case MISSING_FIELD -> dropField(json, pick(DROPPABLE_FIELDS, random), random);
            case NON_FINITE_NUMBER -> json.put("amount", Double.NaN);
            case UNKNOWN_FIELD -> json.put(pick(UNKNOWN_FIELDS, random), "x");
            case MISSING_KEY -> json.put("user_id", "");
            default -> throw new IllegalStateException("no JSON spoiler for " + reason);
        }
        String key = reason == DeadLetterReason.MISSING_KEY ? null : transaction.key;
        return new Malformed(write(json), reason, key);
    }

    private static void dropField(ObjectNode json, String field, SplittableRandom random) {
        if (random.nextBoolean()) {
            json.remove(field);
        } else {
            json.putNull(field);
        }
    }

    private ObjectNode parse(byte[] validValue) {
        try {
            return (ObjectNode) mapper.readTree(validValue);
        } catch (IOException e) {
            throw new IllegalStateException("the JSON codec wrote a transaction that is not a JSON object", e);
        }
    }

    private byte[] write(ObjectNode json) {
        try {
            return mapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serializes", e);
        }
    }

    /** A proper, non-empty prefix: the record was cut off in transit. */
    private static byte[] truncate(byte[] value, SplittableRandom random) {
        return Arrays.copyOf(value, random.nextInt(1, value.length));
    }

    /** Bytes that are not Avro at all: they do not even start with the single-object marker. */
    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(MIN_GARBAGE_BYTES, MAX_GARBAGE_BYTES + 1)];
        random.nextBytes(bytes);
        if ((bytes[0] & 0xFF) == AVRO_SINGLE_OBJECT_MARKER) {
            bytes[0] = 0;
        }
        return bytes;
    }

    private static String pick(List<String> options, SplittableRandom random) {
        return options.get(random.nextInt(options.size()));
    }
}
