package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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
 */
final class DistinctWindow implements FeatureWindow {
    private final WindowGrid grid;
    private final int feature;
    private final int inputColumn;
    private final int cap;
    private final LinkedHashMap<Object, Long> latestFinalized = new LinkedHashMap<>();
    private long maxDroppedTime = Long.MIN_VALUE;
    /** Occurrences of each value in the raw log. */
    private final HashMap<Object, Integer> rawCounts = new HashMap<>();
    /** How many values are both in {@link #rawCounts} and in {@link #latestFinalized}. */
    private int inBoth;
    /** Scratch for {@link #answer}: occurrences of each value in the log outside the answer's slice. */
    private final HashMap<Object, Integer> outside = new HashMap<>();

    DistinctWindow(WindowGrid grid, int feature, int inputColumn, int cap) {
        this.grid = grid;
        this.feature = feature;
        this.inputColumn = inputColumn;
        this.cap = cap;
    }

    private DistinctWindow(DistinctWindow from) {
        this(from.grid, from.feature, from.inputColumn, from.cap);
        latestFinalized.putAll(from.latestFinalized); // keeps the time order; keys are immutable
        maxDroppedTime = from.maxDroppedTime;
        rawCounts.putAll(from.rawCounts);
        inBoth = from.inBoth;
    }

    @Override
    public DistinctWindow copy() {
        return new DistinctWindow(this);
    }

    @Override
    public void inserted(RawEventLog log, int pos) {
        Object value = log.objects(inputColumn)[pos];
        if (value != null && rawCounts.merge(value, 1, Integer::sum) == 1 && latestFinalized.containsKey(value)) {
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
        for (Iterator<Map.Entry<Object, Long>> it = latestFinalized.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Object, Long> entry = it.next();
            if (entry.getValue() >= startTime) {
                break;
            }
            if (!rawCounts.containsKey(entry.getKey())) {
                exact--; // only finalized, before the window
            }
        }
        Object[] inputs = log.objects(inputColumn);
        countOutside(inputs, log.start(), log.firstAtOrAfter(startTime));
        countOutside(inputs, pos + 1, log.end());
        for (Map.Entry<Object, Integer> entry : outside.entrySet()) {
            Long finalized = latestFinalized.get(entry.getKey());
            boolean finalizedInWindow = finalized != null && finalized >= startTime;
            if (!finalizedInWindow && entry.getValue().equals(rawCounts.get(entry.getKey()))) {
                exact--; // every raw occurrence is outside the slice, and no finalized one is in the window
            }
        }
        outside.clear();
        out.setDistinct(feature, Math.min(exact, cap), exact > cap);
    }

    private void countOutside(Object[] inputs, int from, int to) {
        for (int j = from; j < to; j++) {
            if (inputs[j] != null) {
                outside.merge(inputs[j], 1, Integer::sum);
            }
        }
    }

    @Override
    public void compact(RawEventLog log, int index) {
        Object value = log.objects(inputColumn)[index];
        if (value == null) {
            return;
        }
        int left = rawCounts.get(value) - 1;
        if (left == 0) {
            rawCounts.remove(value);
            if (latestFinalized.containsKey(value)) {
                inBoth--;
            }
        } else {
            rawCounts.put(value, left);
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
        Iterator<Map.Entry<Object, Long>> it = latestFinalized.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Object, Long> entry = it.next();
            if (entry.getValue() >= frontier) {
                break;
            }
            forgetFinalized(entry.getKey());
            it.remove();
        }
        if (maxDroppedTime < frontier) {
            maxDroppedTime = Long.MIN_VALUE;
        }
    }

    @Override
    public boolean isEmpty() {
        return latestFinalized.isEmpty() && maxDroppedTime == Long.MIN_VALUE;
    }

    private void record(Object value, long time) {
        if (latestFinalized.remove(value) == null && rawCounts.containsKey(value)) {
            inBoth++;
        }
        latestFinalized.put(value, time);
        if (latestFinalized.size() > cap) {
            Iterator<Map.Entry<Object, Long>> eldest = latestFinalized.entrySet().iterator();
            Map.Entry<Object, Long> dropped = eldest.next();
            maxDroppedTime = Math.max(maxDroppedTime, dropped.getValue());
            forgetFinalized(dropped.getKey());
            eldest.remove();
        }
    }

    /** Keeps {@link #inBoth} true when a finalized value is about to be removed. */
    private void forgetFinalized(Object value) {
        if (rawCounts.containsKey(value)) {
            inBoth--;
        }
    }

    @Override
    public void write(RawEventLog log, DataOutput out) throws IOException {
        out.writeLong(maxDroppedTime);
        out.writeInt(latestFinalized.size());
        for (Map.Entry<Object, Long> entry : latestFinalized.entrySet()) {
            DistinctKeys.write(out, entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    @Override
    public void read(RawEventLog log, DataInput in) throws IOException {
        maxDroppedTime = in.readLong();
        latestFinalized.clear();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            Object key = DistinctKeys.read(in);
            latestFinalized.put(key, in.readLong());
        }
        rawCounts.clear();
        inBoth = 0;
        for (int j = log.start(); j < log.end(); j++) {
            inserted(log, j);
        }
    }
}
