package io.streamscore.features;

import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongLinkedOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongSortedMap;
import it.unimi.dsi.fastutil.objects.ObjectBidirectionalIterator;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * State of one {@link Aggregation#DISTINCT_COUNT} feature: exact up to a cap, then saturated.
 *
 * <p>For finalized events only the latest time of each value matters (every answer after the horizon sees all
 * finalized events of its window), so the finalized part maps value to latest time, in order of that time (compaction
 * runs in time order, and a value seen again moves to the end). The map keeps the {@code cap} most recent values;
 * {@code maxDroppedTime} remembers the latest time of a value dropped for room. If a dropped value could be in a
 * window, every kept value is too, so the window holds more than {@code cap} values: the answer is {@code cap},
 * flagged saturated. Otherwise the answer is exact: reported value {@code min(exact, cap)}, saturated iff
 * {@code exact > cap}.
 *
 * <p>The raw log's values (events after the horizon) are also counted, per value, as they are inserted and
 * compacted, together with how many of them are finalized values too: the union of both parts is known at all
 * times. An answer starts from that union and takes out only the values it must not see: finalized values older
 * than the window start, and values whose every raw occurrence lies outside the answer's slice of the log (before
 * the window start, or after the event: a later time that arrived earlier). So an in-order event whose window
 * reaches back past the log costs O(finalized values older than the window start) hash lookups, not a scan of every
 * raw event: a hot key with thousands of events inside the allowed lateness stays O(1) per event, where a scan was
 * quadratic. An out-of-order event also costs O(log entries after it). State: at most {@code cap} finalized values,
 * plus one counter per distinct raw value.
 *
 * <p>Values are their 64-bit {@link DistinctKeys#keyHash}es, kept in primitive hash maps (fastutil): no object per
 * value, so a key's state is a few flat arrays, which a heap snapshot copies and writes without chasing pointers and
 * a young collection does not trace.
 */
final class DistinctWindow implements FeatureWindow {
    private static final long ABSENT = Long.MIN_VALUE;

    private final WindowGrid grid;
    private final int feature;
    private final int inputColumn;
    private final int cap;
    /** Value hash to its latest finalized time, in order of that time. */
    private final Long2LongLinkedOpenHashMap latestFinalized;
    private long maxDroppedTime = Long.MIN_VALUE;
    /** Occurrences of each value in the raw log. */
    private final Long2IntOpenHashMap rawCounts;
    /** How many values are both in {@link #rawCounts} and in {@link #latestFinalized}. */
    private int inBoth;
    /** Scratch for {@link #answer}, made when first needed: occurrences of each value outside the answer's slice. */
    private Long2IntOpenHashMap outside;

    DistinctWindow(WindowGrid grid, int feature, int inputColumn, int cap) {
        this(grid, feature, inputColumn, cap, new Long2LongLinkedOpenHashMap(0), new Long2IntOpenHashMap(0));
    }

    private DistinctWindow(WindowGrid grid, int feature, int inputColumn, int cap,
                           Long2LongLinkedOpenHashMap latestFinalized, Long2IntOpenHashMap rawCounts) {
        this.grid = grid;
        this.feature = feature;
        this.inputColumn = inputColumn;
        this.cap = cap;
        this.latestFinalized = latestFinalized;
        this.rawCounts = rawCounts;
        latestFinalized.defaultReturnValue(ABSENT);
    }

    @Override
    public DistinctWindow copy() {
        DistinctWindow copy = new DistinctWindow(grid, feature, inputColumn, cap, latestFinalized.clone(),
                rawCounts.clone()); // array copies, keeping the time order
        copy.maxDroppedTime = maxDroppedTime;
        copy.inBoth = inBoth;
        return copy;
    }

    @Override
    public void inserted(RawEventLog log, int pos) {
        long value = log.keys(inputColumn)[pos];
        if (value != DistinctKeys.NONE && rawCounts.addTo(value, 1) == 0 && latestFinalized.containsKey(value)) {
            inBoth++;
        }
    }

    @Override
    public void answer(RawEventLog log, int pos, long time, long horizon, FeatureVector out) {
        long startTime = grid.startTime(time);
        if (maxDroppedTime >= startTime) {
            out.setDistinct(feature, cap, true);
            return;
        }
        long exact = (long) latestFinalized.size() + rawCounts.size() - inBoth;
        for (ObjectBidirectionalIterator<Long2LongMap.Entry> it = inTimeOrder(); it.hasNext(); ) {
            Long2LongMap.Entry entry = it.next();
            if (entry.getLongValue() >= startTime) {
                break;
            }
            if (!rawCounts.containsKey(entry.getLongKey())) {
                exact--; // only finalized, before the window
            }
        }
        long[] inputs = log.keys(inputColumn);
        int before = log.firstAtOrAfter(startTime);
        if (before > log.start() || pos + 1 < log.end()) {
            exact -= outsideOnly(inputs, log.start(), before, pos + 1, log.end(), startTime);
        }
        out.setDistinct(feature, Math.min(exact, cap), exact > cap);
    }

    /**
     * How many values occur in the log only within {@code [from1, to1)} and {@code [from2, to2)} (outside the
     * answer's slice) and have no finalized time in the window.
     */
    private int outsideOnly(long[] inputs, int from1, int to1, int from2, int to2, long startTime) {
        if (outside == null) {
            outside = new Long2IntOpenHashMap();
        }
        countOutside(inputs, from1, to1);
        countOutside(inputs, from2, to2);
        int only = 0;
        for (ObjectIterator<Long2IntMap.Entry> it = outside.long2IntEntrySet().fastIterator(); it.hasNext(); ) {
            Long2IntMap.Entry entry = it.next();
            long value = entry.getLongKey();
            if (latestFinalized.get(value) < startTime && entry.getIntValue() == rawCounts.get(value)) {
                only++; // every raw occurrence is outside the slice, and no finalized one is in the window
            }
        }
        outside.clear();
        return only;
    }

    private void countOutside(long[] inputs, int from, int to) {
        for (int j = from; j < to; j++) {
            if (inputs[j] != DistinctKeys.NONE) {
                outside.addTo(inputs[j], 1);
            }
        }
    }

    private ObjectBidirectionalIterator<Long2LongMap.Entry> inTimeOrder() {
        return ((Long2LongSortedMap.FastSortedEntrySet) latestFinalized.long2LongEntrySet()).fastIterator();
    }

    @Override
    public void compact(RawEventLog log, int index) {
        long value = log.keys(inputColumn)[index];
        if (value == DistinctKeys.NONE) {
            return;
        }
        if (rawCounts.addTo(value, -1) == 1) {
            rawCounts.remove(value);
            if (latestFinalized.containsKey(value)) {
                inBoth--;
            }
        }
        record(value, log.time(index));
    }

    @Override
    public void compacted(RawEventLog log, int lastIndex, long horizon) {
        // the map is complete after each compact()
    }

    @Override
    public void evict(long horizon) {
        long frontier = grid.frontierTime(horizon);
        while (!latestFinalized.isEmpty()) {
            long eldest = latestFinalized.firstLongKey();
            if (latestFinalized.get(eldest) >= frontier) {
                break;
            }
            forgetFinalized(eldest);
            latestFinalized.removeFirstLong();
        }
        if (maxDroppedTime < frontier) {
            maxDroppedTime = Long.MIN_VALUE;
        }
    }

    @Override
    public boolean isEmpty() {
        return latestFinalized.isEmpty() && maxDroppedTime == Long.MIN_VALUE;
    }

    private void record(long value, long time) {
        if (latestFinalized.putAndMoveToLast(value, time) == ABSENT && rawCounts.containsKey(value)) {
            inBoth++;
        }
        if (latestFinalized.size() > cap) {
            long dropped = latestFinalized.firstLongKey();
            forgetFinalized(dropped);
            maxDroppedTime = Math.max(maxDroppedTime, latestFinalized.removeFirstLong());
        }
    }

    /** Keeps {@link #inBoth} true when a finalized value is about to be removed. */
    private void forgetFinalized(long value) {
        if (rawCounts.containsKey(value)) {
            inBoth--;
        }
    }

    /** Version 3: the latest dropped time, the count, then per value its hash (8 bytes) and its time as a delta. */
    @Override
    public void write(RawEventLog log, DataOutput out) throws IOException {
        CompactCodec.writeSigned(out, maxDroppedTime);
        CompactCodec.writeUnsigned(out, latestFinalized.size());
        long previous = 0;
        for (ObjectBidirectionalIterator<Long2LongMap.Entry> it = inTimeOrder(); it.hasNext(); ) {
            Long2LongMap.Entry entry = it.next();
            out.writeLong(entry.getLongKey());
            CompactCodec.writeSigned(out, entry.getLongValue() - previous);
            previous = entry.getLongValue();
        }
    }

    @Override
    public void read(RawEventLog log, DataInput in) throws IOException {
        readCompact(log, in, true);
    }

    /** Version 2 wrote each value itself (a compact key), where version 3 writes its hash. */
    @Override
    public void readVersion2(RawEventLog log, DataInput in) throws IOException {
        readCompact(log, in, false);
    }

    private void readCompact(RawEventLog log, DataInput in, boolean hashes) throws IOException {
        maxDroppedTime = CompactCodec.readSigned(in);
        latestFinalized.clear();
        int count = CompactCodec.readCount(in);
        long time = 0;
        for (int i = 0; i < count; i++) {
            long value = hashes ? in.readLong() : DistinctKeys.keyHash(DistinctKeys.readCompact(in));
            time += CompactCodec.readSigned(in);
            latestFinalized.put(value, time);
        }
        countRawValues(log);
    }

    @Override
    public void readVersion1(RawEventLog log, DataInput in) throws IOException {
        maxDroppedTime = in.readLong();
        latestFinalized.clear();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            long value = DistinctKeys.keyHash(DistinctKeys.read(in));
            latestFinalized.put(value, in.readLong());
        }
        countRawValues(log);
    }

    private void countRawValues(RawEventLog log) {
        rawCounts.clear();
        inBoth = 0;
        for (int j = log.start(); j < log.end(); j++) {
            inserted(log, j);
        }
    }
}
