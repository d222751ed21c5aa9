package io.streamscore.features;

/**
 * The mutable part of a key's window state: every event whose time is after the final horizon, where out-of-order
 * events can still land, in (time, arrival) order. Each event carries one input per feature (a double, {@code NaN}
 * when it does not contribute, or for exact distinct counts the 64-bit hash of its value, {@link DistinctKeys#NONE}
 * when it does not contribute) and, for the monoid features, one prefix
 * aggregate of {@code width} doubles; all columns move together when an event is inserted or compacted away.
 *
 * <p>The double columns are stored row by row in one array ({@link #rows()}, entry {@code i}'s column {@code c} at
 * {@link #at(int, int)}): an event writes and later compacts all its columns, and a key's state is cold in the CPU
 * cache by then, so one array per entry costs one cache miss where one array per column cost one per column.
 *
 * <p>Live entries sit at {@code [start(), end())} of the arrays; the front is removed by moving {@code start}, so
 * compacting the oldest events costs nothing per remaining event.
 */
final class RawEventLog {
    private static final int INITIAL_CAPACITY = 16;

    private final int[] offsets;
    private final int rowWidth;
    private int capacity = INITIAL_CAPACITY;
    private int start;
    private int end;
    private long[] times = new long[INITIAL_CAPACITY];
    private long[] arrivals = new long[INITIAL_CAPACITY];
    private double[] rows;
    private final long[][] keys;

    /**
     * @param widths per double column, its width; 0 means the column is not used
     * @param keyColumns per key column, whether it is used
     */
    RawEventLog(int[] widths, boolean[] keyColumns) {
        this.offsets = new int[widths.length];
        int row = 0;
        for (int c = 0; c < widths.length; c++) {
            offsets[c] = widths[c] == 0 ? -1 : row;
            row += widths[c];
        }
        this.rowWidth = row;
        this.rows = new double[INITIAL_CAPACITY * rowWidth];
        this.keys = new long[keyColumns.length][];
        for (int c = 0; c < keyColumns.length; c++) {
            keys[c] = keyColumns[c] ? new long[INITIAL_CAPACITY] : null;
        }
    }

    private RawEventLog(RawEventLog from) {
        this.offsets = from.offsets;
        this.rowWidth = from.rowWidth;
        this.capacity = from.capacity;
        this.start = from.start;
        this.end = from.end;
        this.times = from.times.clone();
        this.arrivals = from.arrivals.clone();
        this.rows = from.rows.clone();
        this.keys = new long[from.keys.length][];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = from.keys[c] == null ? null : from.keys[c].clone();
        }
    }

    /** An independent copy: every array cloned. */
    RawEventLog copy() {
        return new RawEventLog(this);
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int size() {
        return end - start;
    }

    long time(int index) {
        return times[index];
    }

    long arrival(int index) {
        return arrivals[index];
    }

    /** Every entry's double columns, row by row; replaced when the log grows, so fetch it after an insert. */
    double[] rows() {
        return rows;
    }

    /** Offset in {@link #rows()} of entry {@code index}'s double column {@code column}. */
    int at(int column, int index) {
        return index * rowWidth + offsets[column];
    }

    /** The value of a one-double column (an input) of entry {@code index}. */
    double value(int column, int index) {
        return rows[at(column, index)];
    }

    void set(int column, int index, double value) {
        rows[at(column, index)] = value;
    }

    /** The key hashes of a key column; replaced when the log grows, so fetch it after an insert. */
    long[] keys(int column) {
        return keys[column];
    }

    /** Inserts after every entry with a time {@code <= time} (ties keep arrival order) and returns its index. */
    int insert(long time, long arrival) {
        if (end == capacity) {
            makeRoom();
        }
        int pos = end;
        while (pos > start && times[pos - 1] > time) {
            pos--;
        }
        if (pos < end) {
            shiftRight(pos);
        }
        times[pos] = time;
        arrivals[pos] = arrival;
        end++;
        return pos;
    }

    /** Index of the first entry with a time {@code >= time}, or {@link #end()}. */
    int firstAtOrAfter(long time) {
        return firstAtOrAfter(times, start, end, time);
    }

    /** Index of the first of the ascending {@code sorted[from, to)} that is {@code >= time}, or {@code to}. */
    static int firstAtOrAfter(long[] sorted, int from, int to, long time) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Drops the first {@code count} entries. */
    void removeFirst(int count) {
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    private void shiftRight(int pos) {
        int count = end - pos;
        System.arraycopy(times, pos, times, pos + 1, count);
        System.arraycopy(arrivals, pos, arrivals, pos + 1, count);
        System.arraycopy(rows, pos * rowWidth, rows, (pos + 1) * rowWidth, count * rowWidth);
        for (long[] column : keys) {
            if (column != null) {
                System.arraycopy(column, pos, column, pos + 1, count);
            }
        }
    }

    /** Slides live entries to index 0, growing the arrays when they are more than half full. */
    private void makeRoom() {
        int size = end - start;
        int newCapacity = size * 2 > capacity ? capacity * 2 : capacity;
        times = relocate(times, newCapacity);
        arrivals = relocate(arrivals, newCapacity);
        double[] movedRows = new double[newCapacity * rowWidth];
        System.arraycopy(rows, start * rowWidth, movedRows, 0, size * rowWidth);
        rows = movedRows;
        for (int c = 0; c < keys.length; c++) {
            if (keys[c] != null) {
                keys[c] = relocate(keys[c], newCapacity);
            }
        }
        capacity = newCapacity;
        start = 0;
        end = size;
    }

    private long[] relocate(long[] column, int newCapacity) {
        long[] moved = new long[newCapacity];
        System.arraycopy(column, start, moved, 0, end - start);
        return moved;
    }
}
