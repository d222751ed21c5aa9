package io.streamscore.generate;

import io.streamscore.event.DeadLetterReason;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record the {@link EventGenerator} yields: the bytes to write to a topic plus the ground truth about them, so
 * that tests and the demo can check what the pipeline made of each record.
 *
 * @param stream which stream (and so which topic and schema) the record belongs to
 * @param key the Kafka record key; null only for a malformed record whose key is deliberately missing
 * @param value the encoded record value
 * @param eventTime the event time the record carries (or would carry, if malformed), epoch milliseconds
 * @param kind whether the record is valid, out of order, too late or malformed
 * @param malformedReason the reason a strict decoder gives for this record; null unless {@code kind} is MALFORMED
 * @param eventId the record's event id (for a label: the id of the transaction it labels)
 * @param fraud the ground truth: whether the record is part of a fraud pattern
 * @param pattern the fraud pattern, NONE when {@code fraud} is false
 */
public record GeneratedRecord(GeneratedStream stream, String key, byte[] value, long eventTime, RecordKind kind,
                              DeadLetterReason malformedReason, String eventId, boolean fraud, FraudPattern pattern) {

    public GeneratedRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(pattern, "pattern");
        if ((kind == RecordKind.MALFORMED) != (malformedReason != null)) {
            throw new IllegalArgumentException("malformedReason must be set exactly when kind is MALFORMED, kind="
                    + kind + " reason=" + malformedReason);
        }
        if (key == null && kind != RecordKind.MALFORMED) {
            throw new IllegalArgumentException("only a malformed record may have a null key, event " + eventId);
        }
        if (fraud == (pattern == FraudPattern.NONE)) {
            throw new IllegalArgumentException("fraud=" + fraud + " contradicts pattern " + pattern);
        }
    }

    /** Value equality, comparing the bytes by content (a record's default would compare the array reference). */
    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedRecord other && stream == other.stream && eventTime == other.eventTime
                && kind == other.kind && malformedReason == other.malformedReason && fraud == other.fraud
                && pattern == other.pattern && Objects.equals(key, other.key) && eventId.equals(other.eventId)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, key, eventId, eventTime, kind) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "GeneratedRecord{" + stream + " " + kind + (malformedReason == null ? "" : "(" + malformedReason + ")")
                + " key=" + key + " id=" + eventId + " t=" + eventTime + " " + pattern + " " + value.length + "B}";
    }
}
