package io.streamscore.drift;

import io.streamscore.registry.Histogram;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The histogram of the values of the last {@code slots * slotMillis} of event time, in the bins of a baseline
 * {@link Histogram}: a ring of per-slot counts, where a slot covers {@code [k * slotMillis, (k + 1) * slotMillis)}.
 * {@link #advanceTo} moves the window's end; values older than the window are ignored, values ahead of it move it.
 * Not thread-safe.
 */
public final class SlidingHistogram {
    private final Histogram bins;
    private final long slotMillis;
    private final long[][] counts;
    private final long[] missing;
    /** The slot number (time / slotMillis) held at each ring position, or Long.MIN_VALUE when empty. */
    private final long[] slotOf;
    private long newestSlot = Long.MIN_VALUE;

    public SlidingHistogram(Histogram bins, int slots, long slotMillis) {
        if (slots < 1 || slotMillis < 1) {
            throw new IllegalArgumentException("need slots >= 1 and slotMillis >= 1, got " + slots + " and "
                    + slotMillis);
        }
        this.bins = bins;
        this.slotMillis = slotMillis;
        this.counts = new long[slots][bins.counts().length];
        this.missing = new long[slots];
        this.slotOf = new long[slots];
        java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
    }

    /** Counts {@code value} (NaN: missing) at {@code eventTime}, unless that is before the window. */
    public void add(long eventTime, double value) {
        long slot = Math.floorDiv(eventTime, slotMillis);
        if (slot > newestSlot) {
            advanceToSlot(slot);
        } else if (slot <= newestSlot - slotOf.length) {
            return;
        }
        int position = position(slot);
        int bin = bins.binOf(value);
        if (bin < 0) {
            missing[position]++;
        } else {
            counts[position][bin]++;
        }
    }

    /** Moves the window so that it ends with the slot holding {@code time}; slots that fall out are emptied. */
    public void advanceTo(long time) {
        long slot = Math.floorDiv(time, slotMillis);
        if (slot > newestSlot) {
            advanceToSlot(slot);
        }
    }

    private void advanceToSlot(long slot) {
        long first = Math.max(slot - slotOf.length + 1, newestSlot == Long.MIN_VALUE ? slot : newestSlot + 1);
        for (long s = first; s <= slot; s++) {
            int position = position(s);
            java.util.Arrays.fill(counts[position], 0);
            missing[position] = 0;
            slotOf[position] = s;
        }
        newestSlot = slot;
    }

    private int position(long slot) {
        return (int) Math.floorMod(slot, (long) slotOf.length);
    }

    /** The values in the window, in the baseline's bins. */
    public Histogram window() {
        long[] total = new long[bins.counts().length];
        long totalMissing = 0;
        for (int position = 0; position < slotOf.length; position++) {
            if (slotOf[position] != Long.MIN_VALUE && slotOf[position] > newestSlot - slotOf.length) {
                for (int bin = 0; bin < total.length; bin++) {
                    total[bin] += counts[position][bin];
                }
                totalMissing += missing[position];
            }
        }
        return new Histogram(bins.edges(), total, totalMissing);
    }

    /** The first event time inside the window (its end is {@code (newest slot + 1) * slotMillis}). */
    public long windowStart() {
        return (newestSlot - slotOf.length + 1) * slotMillis;
    }

    /**
     * Writes the ring: whether it holds a slot yet, the newest slot, then from the newest slot back one window: a
     * byte (1 when that slot is held) and the slot's missing and per-bin counts as varints.
     */
    void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(newestSlot != Long.MIN_VALUE);
        if (newestSlot == Long.MIN_VALUE) {
            return;
        }
        out.writeLong(newestSlot);
        for (int age = 0; age < slotOf.length; age++) {
            int position = position(newestSlot - age);
            boolean held = slotOf[position] == newestSlot - age;
            out.writeBoolean(held);
            if (held) {
                DriftSnapshotFormat.writeUnsigned(out, missing[position]);
                for (long count : counts[position]) {
                    DriftSnapshotFormat.writeUnsigned(out, count);
                }
            }
        }
    }

    /** Replaces this ring's contents with those {@link #writeTo} wrote for a ring of the same slots and bins. */
    void readFrom(DataInput in) throws IOException {
        java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
        java.util.Arrays.fill(missing, 0);
        for (long[] slot : counts) {
            java.util.Arrays.fill(slot, 0);
        }
        newestSlot = Long.MIN_VALUE;
        if (!in.readBoolean()) {
            return;
        }
        newestSlot = in.readLong();
        for (int age = 0; age < slotOf.length; age++) {
            if (in.readBoolean()) {
                int position = position(newestSlot - age);
                slotOf[position] = newestSlot - age;
                missing[position] = DriftSnapshotFormat.readUnsigned(in);
                for (int bin = 0; bin < counts[position].length; bin++) {
                    counts[position][bin] = DriftSnapshotFormat.readUnsigned(in);
                }
            }
        }
    }
}
