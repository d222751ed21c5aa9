package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * State of one {@link Aggregation#DISTINCT_COUNT} feature: exact up to a cap, then saturated.
 *
 * <p>For finalized events only the latest time of each value matters (every answer after the horizon sees all
 * finalized events of its window), so the finalized part maps value to latest time, in order of that time (compaction
 * runs in time order, and a value seen again moves to the end). The map keeps the {@code cap} most recent values;
 * {@code maxDroppedTime} remembers the latest time of a value dropped for room. If a dropped value could be in a
 * window, every kept value is too, so the window holds more than {@code cap} values: the answer is {@code cap},
 * flagged saturated. Otherwise the answer is exact: reported value {@code min(exact, cap)}, saturated iff
 * {@code exact > cap}. Cost per answer: O(values whose latest time falls between the frontier and the window start +
 * log entries in the window); state: at most {@code cap} values.
 */
final class DistinctWindow implements FeatureWindow {
    private final WindowGrid grid;
    private final int feature;
    private final int inputColumn;
    private final int cap;
    private final LinkedHashMap<Object, Long> latestFinalized = new LinkedHashMap<>();
    private long maxDroppedTime = Long.MIN_VALUE;
    private final Set<Object> seen = new HashSet<>();

    DistinctWindow(WindowGrid grid, int feature, int inputColumn, int cap) {
        this.grid = grid;
        this.feature = feature;
        this.inputColumn = inputColumn;
        this.cap = cap;
    }

    @Override
    public void inserted(RawEventLog log, int pos) {
        // nothing derived: answers read the log directly
    }

    @Override
    public void answer(RawEventLog log, int pos, long time, long horizon, FeatureVector out) {
        long startTime = grid.startTime(time);
        if (maxDroppedTime >= startTime) {
            out.setDistinct(feature, cap, true);
            return;
        }
        int older = 0;
        for (Iterator<Long> it = latestFinalized.values().iterator(); it.hasNext() && it.next() < startTime; ) {
            older++;
        }
        Object[] inputs = log.objects(inputColumn);
        seen.clear();
        for (int j = log.firstAtOrAfter(startTime); j <= pos; j++) {
            Object value = inputs[j];
            if (value != null && !seen.contains(value)) {
                Long finalized = latestFinalized.get(value);
                if (finalized == null || finalized < startTime) {
                    seen.add(value);
                }
            }
        }
        long exact = (long) latestFinalized.size() - older + seen.size();
        out.setDistinct(feature, Math.min(exact, cap), exact > cap);
    }

    @Override
    public void compact(RawEventLog log, int index) {
        Object value = log.objects(inputColumn)[index];
        if (value != null) {
            record(value, log.time(index));
        }
    }

    @Override
    public void compacted(RawEventLog log, int lastIndex, long horizon) {
        // the map is complete after each compact()
    }

    @Override
    public void evict(long horizon) {
        long frontier = grid.frontierTime(horizon);
        Iterator<Map.Entry<Object, Long>> it = latestFinalized.entrySet().iterator();
        while (it.hasNext() && it.next().getValue() < frontier) {
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
        latestFinalized.remove(value);
        latestFinalized.put(value, time);
        if (latestFinalized.size() > cap) {
            Iterator<Map.Entry<Object, Long>> eldest = latestFinalized.entrySet().iterator();
            maxDroppedTime = Math.max(maxDroppedTime, eldest.next().getValue());
            eldest.remove();
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
    }
}
