package io.streamscore.event;

/**
 * Turns a source's bytes into {@link Event}s and back, for one schema and one source binding. Implementations are
 * immutable after construction, thread-confined per Flink subtask (they may keep reusable buffers) and
 * {@link java.io.Serializable} so that operators can carry them.
 */
public interface EventCodec extends java.io.Serializable {

    /**
     * Decodes one record. Never returns null: any problem with the bytes is a {@link MalformedRecordException}
     * with the reason and the offending field.
     *
     * @param bytes the record value, possibly null or empty
     * @param ingestTime wall-clock milliseconds stamped on the event as its ingest time
     */
    Event decode(byte[] bytes, long ingestTime) throws MalformedRecordException;

    /** Encodes an event of this codec's schema; {@code decode(encode(e))} equals {@code e} but for ingest time. */
    byte[] encode(Event event);
}
