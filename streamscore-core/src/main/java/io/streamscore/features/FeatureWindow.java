package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The finalized part of one feature's window state, plus whatever it derives from the {@link RawEventLog}. The
 * {@link KeyedWindowState} drives every implementation through the same life cycle: an event is inserted into the log
 * ({@link #inserted}), answered ({@link #answer}), later compacted when the horizon passes it ({@link #compact}, in
 * (time, arrival) order, then {@link #compacted} once per batch, before the log drops the entries), and finally
 * evicted once no answer after the horizon can include it ({@link #evict}).
 */
interface FeatureWindow {

    /** The event at {@code pos} of the log was just inserted, its input column already set. */
    void inserted(RawEventLog log, int pos);

    /** The event at {@code pos} (time {@code time}) is answered: write the feature value into {@code out}. */
    void answer(RawEventLog log, int pos, long time, long horizon, FeatureVector out);

    /** The log entry {@code index} is final (its time is at or before the horizon); called in log order. */
    void compact(RawEventLog log, int index);

    /** A batch of compactions ended at log entry {@code lastIndex}, which is still readable. */
    void compacted(RawEventLog log, int lastIndex, long horizon);

    /** Drops what no answer after {@code horizon} can include. */
    void evict(long horizon);

    /** Whether no finalized state is left (the log is checked separately). */
    boolean isEmpty();

    /** An independent deep copy (the log is copied separately); answers afterwards are bit-identical. */
    FeatureWindow copy();

    /** Writes the finalized structure in format version 3 (see {@link KeyedWindowStateSerializer}). */
    void write(RawEventLog log, DataOutput out) throws IOException;

    /** Reads what {@link #write} wrote, into a fresh window; the log is already restored. */
    void read(RawEventLog log, DataInput in) throws IOException;

    /**
     * Reads the finalized structure as format version 2 wrote it; the log is already restored. Versions 2 and 3
     * differ only in how exact distinct counts write their values.
     */
    default void readVersion2(RawEventLog log, DataInput in) throws IOException {
        read(log, in);
    }

    /** Reads the finalized structure as format version 1 wrote it; the log is already restored. */
    void readVersion1(RawEventLog log, DataInput in) throws IOException;
}
