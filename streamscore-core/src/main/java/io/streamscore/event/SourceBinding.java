package io.streamscore.event;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a source's records map onto the identity of an {@link Event}: which field is the event id, which the key,
 * which the event time (epoch milliseconds), and how large a record may be. Given to a codec together with the
 * {@link EventSchema}; the codec rejects a record whose key is missing or empty, or whose event time is missing or
 * outside [{@link #MIN_EVENT_TIME}, {@link #MAX_EVENT_TIME}]. Reading from Kafka, the ingest step also rejects event
 * times more than {@link #MAX_FUTURE_SKEW_MS} ahead of the wall clock.
 */
public record SourceBinding(String source, String idField, String keyField, String eventTimeField, int maxRecordBytes)
        implements Serializable {

    /** 2000-01-01T00:00:00Z: earlier event times are taken to be unit mistakes (seconds, not milliseconds). */
    public static final long MIN_EVENT_TIME = 946_684_800_000L;
    /** 2100-01-01T00:00:00Z: later event times are taken to be unit mistakes (microseconds, not milliseconds). */
    public static final long MAX_EVENT_TIME = 4_102_444_800_000L;
    /**
     * Event times more than this ahead of the wall clock when the record is read are rejected at ingest:
     * one such record would advance the source's watermark past every honest event. A day leaves room for clocks
     * set to the wrong time zone.
     */
    public static final long MAX_FUTURE_SKEW_MS = 86_400_000L;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    /**
     * The longest id or key an event may have. Both travel in every output record, the key twice (the Kafka key and
     * the value): a key of half a megabyte made a score larger than the job's producer may send, which failed the
     * job on every replay of that record.
     */
    public static final int MAX_ID_CHARS = 4096;

    public SourceBinding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(idField, "idField");
        Objects.requireNonNull(keyField, "keyField");
        Objects.requireNonNull(eventTimeField, "eventTimeField");
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be > 0, was " + maxRecordBytes);
        }
    }
}
