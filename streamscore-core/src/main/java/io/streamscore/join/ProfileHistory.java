package io.streamscore.join;

import java.util.Arrays;

/**
 * One key's versions of a slowly changing row (a user profile), by the time each became valid: the version valid at
 * {@code t} is the one with the latest change time {@code <= t}. A delete is a version too (a tombstone), so a
 * lookup after it finds no row, and a lookup before it still finds the row. Changes arriving out of order are
 * inserted at their place; a change with the same time as an existing one is placed after it (the later arrival
 * wins, as in the source table). {@link #pruneBefore} drops versions no future lookup can need.
 *
 * <p>A Flink POJO of arrays: version {@code i} has time {@code times[i]}, {@code deleted[i]}, and its values in
 * {@code values[i * width .. (i + 1) * width)}.
 */
public class ProfileHistory {
    public long[] times = new long[2];
    public boolean[] deleted = new boolean[2];
    public double[] values = new double[0];
    public int width;
    public int size;

    public ProfileHistory() {}

    public ProfileHistory(int width) {
        this.width = width;
        this.values = new double[2 * width];
    }

    /** Adds the version valid from {@code time}: its column values, or {@code null} for a delete. */
    public void add(long time, double[] row) {
        if (row != null && row.length != width) {
            throw new IllegalArgumentException("a version has " + width + " columns, got " + row.length);
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            deleted = Arrays.copyOf(deleted, size * 2);
            values = Arrays.copyOf(values, size * 2 * width);
        }
        int at = upperBound(time);
        System.arraycopy(times, at, times, at + 1, size - at);
        System.arraycopy(deleted, at, deleted, at + 1, size - at);
        System.arraycopy(values, at * width, values, (at + 1) * width, (size - at) * width);
        times[at] = time;
        deleted[at] = row == null;
        if (row == null) {
            Arrays.fill(values, at * width, (at + 1) * width, Double.NaN);
        } else {
            System.arraycopy(row, 0, values, at * width, width);
        }
        size++;
    }

    /**
     * The values of the version valid at {@code t} copied into {@code out} at {@code offset}; false (and NaNs) without
     * one.
     */
    public boolean lookup(long t, double[] out, int offset) {
        int at = upperBound(t) - 1;
        if (at < 0 || deleted[at]) {
            Arrays.fill(out, offset, offset + width, Double.NaN);
            return false;
        }
        System.arraycopy(values, at * width, out, offset, width);
        return true;
    }

    /**
     * Drops versions that no lookup at a time {@code >= horizon} can return: all before the version valid at
     * {@code horizon}, which is kept (and dropped too when it is a delete, since then no row is valid).
     */
    public void pruneBefore(long horizon) {
        int valid = upperBound(horizon) - 1;
        int drop = valid < 0 ? 0 : deleted[valid] ? valid + 1 : valid;
        if (drop == 0) {
            return;
        }
        int keep = size - drop;
        System.arraycopy(times, drop, times, 0, keep);
        System.arraycopy(deleted, drop, deleted, 0, keep);
        System.arraycopy(values, drop * width, values, 0, keep * width);
        size = keep;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of versions with time {@code <= t}. */
    private int upperBound(long t) {
        return SortedTimes.upperBound(times, size, t);
    }
}
