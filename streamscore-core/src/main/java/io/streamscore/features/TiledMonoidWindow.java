package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Sliding-window state of one monoid feature (count, sum, avg, variance, stddev, min, max, first, last): exact at
 * the head, tiled at the tail, O(1) amortized per in-order event whatever the window / tile ratio.
 *
 * <p>Finalized events (time at or before the horizon) live in tiles of the {@link WindowGrid}; newer events in the
 * shared {@link RawEventLog}. An answer at {@code t > horizon} needs the finalized tiles from its start tile on (a
 * suffix, because every finalized tile is before {@code t}) plus the log entries up to {@code t} (a prefix, because
 * the log is sorted). So the state keeps:
 * <ul>
 *   <li>a <em>front</em>: finalized tiles below {@code betaTile}, each with the aggregate of itself and all later
 *       front tiles (a suffix aggregate, like the front stack of the two-stacks queue);</li>
 *   <li>for every log entry, the aggregate of everything from {@code betaTile} up to it (a prefix aggregate), and
 *       {@code compactedSinceBeta} for what was compacted since; an answer is then one suffix (+) one prefix.</li>
 * </ul>
 * When a window start passes {@code betaTile} the front is rebuilt from all finalized tiles ("flip", O(tiles + log),
 * about once per window length of horizon progress). An out-of-order insert updates the prefixes after it, which
 * costs O(events later than it in the log). Nothing is ever subtracted, so sums do not drift. Windows that start
 * after the horizon (shorter than the lateness) are answered by scanning their log entries instead.
 *
 * <p>Layout: a tile's number, aggregate and suffix aggregate sit next to each other in one array ({@code slots}, one
 * slot of {@code 1 + 2 width} doubles per tile; tile numbers are exact in a double). Sparse keys start a new tile on
 * nearly every event and a key's state is cold in the CPU cache by its next event, so each array touched per event
 * costs a cache miss: one array instead of three (number, tile, suffix).
 */
final class TiledMonoidWindow implements FeatureWindow {
    private static final int INITIAL_TILES = 8;

    private final Aggregation aggregation;
    private final AggregateMonoid monoid;
    private final int width;
    private final WindowGrid grid;
    private final int feature;
    private final int inputColumn;
    private final int prefixColumn;
    private final int stride;
    private double[] slots;
    private int head;
    private int tail;
    private int frontEnd;
    private int cursor;
    private long betaTile = Long.MIN_VALUE;
    private final double[] compactedSinceBeta;
    private final double[] scratch;

    TiledMonoidWindow(Aggregation aggregation, WindowGrid grid, int feature, int inputColumn, int prefixColumn) {
        this.aggregation = aggregation;
        this.monoid = AggregateMonoid.of(aggregation);
        this.width = monoid.width;
        this.grid = grid;
        this.feature = feature;
        this.inputColumn = inputColumn;
        this.prefixColumn = prefixColumn;
        this.stride = 1 + 2 * width;
        this.slots = new double[INITIAL_TILES * stride];
        this.compactedSinceBeta = new double[width];
        this.scratch = new double[width];
        monoid.clear(compactedSinceBeta, 0);
    }

    private TiledMonoidWindow(TiledMonoidWindow from) {
        this.aggregation = from.aggregation;
        this.monoid = from.monoid;
        this.width = from.width;
        this.grid = from.grid;
        this.feature = from.feature;
        this.inputColumn = from.inputColumn;
        this.prefixColumn = from.prefixColumn;
        this.stride = from.stride;
        this.slots = from.slots.clone();
        this.head = from.head;
        this.tail = from.tail;
        this.frontEnd = from.frontEnd;
        this.cursor = from.cursor;
        this.betaTile = from.betaTile;
        this.compactedSinceBeta = from.compactedSinceBeta.clone();
        this.scratch = new double[width];
    }

    @Override
    public TiledMonoidWindow copy() {
        return new TiledMonoidWindow(this);
    }

    @Override
    public void inserted(RawEventLog log, int pos) {
        double[] rows = log.rows();
        if (pos > log.start()) {
            System.arraycopy(rows, log.at(prefixColumn, pos - 1), rows, log.at(prefixColumn, pos), width);
        } else {
            System.arraycopy(compactedSinceBeta, 0, rows, log.at(prefixColumn, pos), width);
        }
        double x = log.value(inputColumn, pos);
        if (Double.isNaN(x)) {
            return;
        }
        long time = log.time(pos);
        long arrival = log.arrival(pos);
        for (int j = pos; j < log.end(); j++) {
            monoid.add(rows, log.at(prefixColumn, j), time, arrival, x);
        }
    }

    @Override
    public void answer(RawEventLog log, int pos, long time, long horizon, FeatureVector out) {
        long startTile = grid.startTile(time);
        if (startTile >= betaTile && betaTile < finalizedLimit(horizon)) {
            flip(log, horizon);
        }
        if (startTile < betaTile) {
            int index = firstFrontTileAtOrAfter(startTile);
            if (index < frontEnd) {
                System.arraycopy(slots, suffixAt(index), scratch, 0, width);
            } else {
                monoid.clear(scratch, 0);
            }
            monoid.merge(scratch, 0, log.rows(), log.at(prefixColumn, pos));
        } else {
            scanShortWindow(log, pos, startTile);
        }
        out.set(feature, monoid.result(aggregation, scratch, 0));
    }

    @Override
    public void compact(RawEventLog log, int index) {
        double x = log.value(inputColumn, index);
        if (Double.isNaN(x)) {
            return;
        }
        long tile = grid.tileOf(log.time(index));
        if (tail == head || tileNumber(tail - 1) != tile) {
            appendTile(tile);
        }
        monoid.add(slots, tileAt(tail - 1), log.time(index), log.arrival(index), x);
    }

    @Override
    public void compacted(RawEventLog log, int lastIndex, long horizon) {
        System.arraycopy(log.rows(), log.at(prefixColumn, lastIndex), compactedSinceBeta, 0, width);
    }

    @Override
    public void evict(long horizon) {
        long frontierTile = grid.startTile(horizon + 1);
        while (head < tail && tileNumber(head) < frontierTile) {
            head++;
        }
        frontEnd = Math.max(frontEnd, head);
        if (head == tail) {
            head = 0;
            tail = 0;
            frontEnd = 0;
        }
    }

    @Override
    public boolean isEmpty() {
        return head == tail;
    }

    private long finalizedLimit(long horizon) {
        return Math.floorDiv(horizon + 1, grid.tile());
    }

    /** Rebuilds the front from every finalized tile and the log prefixes from the new {@code betaTile}. */
    private void flip(RawEventLog log, long horizon) {
        long limit = finalizedLimit(horizon);
        int end = tail;
        while (end > head && tileNumber(end - 1) >= limit) {
            end--;
        }
        frontEnd = end;
        cursor = head;
        for (int i = end - 1; i >= head; i--) {
            System.arraycopy(slots, tileAt(i), slots, suffixAt(i), width);
            if (i + 1 < end) {
                monoid.merge(slots, suffixAt(i), slots, suffixAt(i + 1));
            }
        }
        betaTile = limit;
        monoid.clear(compactedSinceBeta, 0);
        for (int i = end; i < tail; i++) {
            monoid.merge(compactedSinceBeta, 0, slots, tileAt(i));
        }
        rebuildPrefixes(log);
    }

    private void rebuildPrefixes(RawEventLog log) {
        double[] rows = log.rows();
        for (int j = log.start(); j < log.end(); j++) {
            if (j == log.start()) {
                System.arraycopy(compactedSinceBeta, 0, rows, log.at(prefixColumn, j), width);
            } else {
                System.arraycopy(rows, log.at(prefixColumn, j - 1), rows, log.at(prefixColumn, j), width);
            }
            double x = log.value(inputColumn, j);
            if (!Double.isNaN(x)) {
                monoid.add(rows, log.at(prefixColumn, j), log.time(j), log.arrival(j), x);
            }
        }
    }

    /** A window that starts after every front tile: its compacted tiles plus its log entries, scanned. */
    private void scanShortWindow(RawEventLog log, int pos, long startTile) {
        monoid.clear(scratch, 0);
        for (int i = frontEnd; i < tail; i++) {
            if (tileNumber(i) >= startTile) {
                monoid.merge(scratch, 0, slots, tileAt(i));
            }
        }
        for (int j = log.firstAtOrAfter(startTile * grid.tile()); j <= pos; j++) {
            double x = log.value(inputColumn, j);
            if (!Double.isNaN(x)) {
                monoid.add(scratch, 0, log.time(j), log.arrival(j), x);
            }
        }
    }

    /** Index of the first front tile numbered {@code >= tile}; walks forward from the last answer when in order. */
    private int firstFrontTileAtOrAfter(long tile) {
        int c = Math.min(Math.max(cursor, head), frontEnd);
        if (c > head && tileNumber(c - 1) >= tile) {
            int lo = head;
            while (lo < c) {
                int mid = (lo + c) >>> 1;
                if (tileNumber(mid) < tile) {
                    lo = mid + 1;
                } else {
                    c = mid;
                }
            }
        } else {
            while (c < frontEnd && tileNumber(c) < tile) {
                c++;
            }
        }
        cursor = c;
        return c;
    }

    private void appendTile(long tile) {
        int length = slots.length / stride;
        if (tail == length) {
            int size = tail - head;
            int capacity = size * 2 > length ? length * 2 : length;
            slots = Arrays.copyOfRange(slots, head * stride, (head + capacity) * stride);
            frontEnd -= head;
            cursor = Math.max(0, cursor - head);
            tail = size;
            head = 0;
        }
        slots[tail * stride] = tile;
        monoid.clear(slots, tileAt(tail));
        tail++;
    }

    /**
     * Versions 2 and 3: tile count, front size, beta tile; per tile its number as a delta and its aggregate; the suffix
     * and prefix aggregates only where recomputing them would not give the same bits (see
     * {@link CompactCodec#writeDerived}); what was compacted since the beta tile.
     */
    @Override
    public void write(RawEventLog log, DataOutput out) throws IOException {
        CompactCodec.writeUnsigned(out, tail - head);
        CompactCodec.writeUnsigned(out, frontEnd - head);
        CompactCodec.writeSigned(out, betaTile);
        long previous = 0;
        for (int i = head; i < tail; i++) {
            CompactCodec.writeSigned(out, tileNumber(i) - previous);
            CompactCodec.writeDoubles(out, slots, tileAt(i), width);
            previous = tileNumber(i);
        }
        CompactCodec.writeDerived(out, slots, frontEnd - head, width, suffixes());
        CompactCodec.writeDoubles(out, compactedSinceBeta, 0, width);
        CompactCodec.writeDerived(out, log.rows(), log.size(), width, prefixes(log));
    }

    @Override
    public void read(RawEventLog log, DataInput in) throws IOException {
        int count = CompactCodec.readCount(in);
        int front = CompactCodec.readCount(in);
        if (front > count) {
            throw new IOException("window state has " + front + " front tiles of only " + count);
        }
        betaTile = CompactCodec.readSigned(in);
        head = 0;
        tail = 0;
        long tile = 0;
        for (int i = 0; i < count; i++) {
            tile += CompactCodec.readSigned(in);
            appendTile(tile);
            CompactCodec.readDoubles(in, slots, tileAt(i), width);
        }
        frontEnd = front;
        cursor = 0;
        CompactCodec.readDerived(in, slots, front, width, suffixes());
        CompactCodec.readDoubles(in, compactedSinceBeta, 0, width);
        CompactCodec.readDerived(in, log.rows(), log.size(), width, prefixes(log));
    }

    /** Front suffixes from the last front tile back, as {@link #flip} builds them. */
    private CompactCodec.Derived suffixes() {
        return new CompactCodec.Derived() {
            @Override
            public int offset(int k) {
                return suffixAt(frontEnd - 1 - k);
            }

            @Override
            public void expect(int k, double[] into) {
                int i = frontEnd - 1 - k;
                System.arraycopy(slots, tileAt(i), into, 0, width);
                if (k > 0) {
                    monoid.merge(into, 0, slots, suffixAt(i + 1));
                }
            }
        };
    }

    /** Log prefixes in log order, as {@link #inserted} and {@link #rebuildPrefixes} build them in order. */
    private CompactCodec.Derived prefixes(RawEventLog log) {
        return new CompactCodec.Derived() {
            @Override
            public int offset(int k) {
                return log.at(prefixColumn, log.start() + k);
            }

            @Override
            public void expect(int k, double[] into) {
                int j = log.start() + k;
                if (k == 0) {
                    System.arraycopy(compactedSinceBeta, 0, into, 0, width);
                } else {
                    System.arraycopy(log.rows(), log.at(prefixColumn, j - 1), into, 0, width);
                }
                double x = log.value(inputColumn, j);
                if (!Double.isNaN(x)) {
                    monoid.add(into, 0, log.time(j), log.arrival(j), x);
                }
            }
        };
    }

    @Override
    public void readVersion1(RawEventLog log, DataInput in) throws IOException {
        int count = in.readInt();
        int front = in.readInt();
        betaTile = in.readLong();
        head = 0;
        tail = 0;
        for (int i = 0; i < count; i++) {
            appendTile(in.readLong());
            readDoubles(in, slots, tileAt(i), width);
        }
        frontEnd = front;
        cursor = 0;
        for (int i = 0; i < front; i++) {
            readDoubles(in, slots, suffixAt(i), width);
        }
        readDoubles(in, compactedSinceBeta, 0, width);
        for (int j = log.start(); j < log.end(); j++) {
            readDoubles(in, log.rows(), log.at(prefixColumn, j), width);
        }
    }

    private long tileNumber(int index) {
        return (long) slots[index * stride];
    }

    /** Offset of tile {@code index}'s aggregate in {@link #slots}. */
    private int tileAt(int index) {
        return index * stride + 1;
    }

    /** Offset of tile {@code index}'s suffix aggregate in {@link #slots}; meaningful for front tiles only. */
    private int suffixAt(int index) {
        return index * stride + 1 + width;
    }

    static void readDoubles(DataInput in, double[] values, int from, int count) throws IOException {
        for (int i = from; i < from + count; i++) {
            values[i] = in.readDouble();
        }
    }
}
