package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * State of one {@link Aggregation#LAST_N} feature. Only the newest {@code n} finalized values can ever be part of an
 * answer (every answer is after the horizon, so it sees all finalized values of its window), so the finalized part is
 * a ring of {@code n} (time, value) pairs; the rest is read from the log, walking back from the answered event. Cost
 * per answer: O(n + non-contributing log entries skipped); state: n pairs.
 */
final class LastValuesWindow implements FeatureWindow {
    private final WindowGrid grid;
    private final int feature;
    private final int inputColumn;
    private final int capacity;
    private final long[] times;
    private final double[] values;
    /** Ring of the newest finalized values: the oldest at {@code first}, {@code size} of them. */
    private int first;
    private int size;
    private final double[] scratch;

    LastValuesWindow(WindowGrid grid, int feature, int inputColumn, int n) {
        this.grid = grid;
        this.feature = feature;
        this.inputColumn = inputColumn;
        this.capacity = n;
        this.times = new long[n];
        this.values = new double[n];
        this.scratch = new double[n];
    }

    private LastValuesWindow(LastValuesWindow from) {
        this.grid = from.grid;
        this.feature = from.feature;
        this.inputColumn = from.inputColumn;
        this.capacity = from.capacity;
        this.times = from.times.clone();
        this.values = from.values.clone();
        this.first = from.first;
        this.size = from.size;
        this.scratch = new double[capacity];
    }

    @Override
    public LastValuesWindow copy() {
        return new LastValuesWindow(this);
    }

    @Override
    public void inserted(RawEventLog log, int pos) {
        // nothing derived: answers read the log directly
    }

    @Override
    public void answer(RawEventLog log, int pos, long time, long horizon, FeatureVector out) {
        long startTime = grid.startTime(time);
        int found = 0;
        for (int j = pos; j >= log.start() && found < capacity && log.time(j) >= startTime; j--) {
            double x = log.value(inputColumn, j);
            if (!Double.isNaN(x)) {
                scratch[found++] = x;
            }
        }
        for (int i = size - 1; i >= 0 && found < capacity; i--) {
            int slot = (first + i) % capacity;
            if (times[slot] < startTime) {
                break;
            }
            scratch[found++] = values[slot];
        }
        out.setList(feature, scratch, found);
    }

    @Override
    public void compact(RawEventLog log, int index) {
        double x = log.value(inputColumn, index);
        if (!Double.isNaN(x)) {
            push(log.time(index), x);
        }
    }

    @Override
    public void compacted(RawEventLog log, int lastIndex, long horizon) {
        // the ring is complete after each compact()
    }

    @Override
    public void evict(long horizon) {
        long frontier = grid.frontierTime(horizon);
        while (size > 0 && times[first] < frontier) {
            first = (first + 1) % capacity;
            size--;
        }
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    private void push(long time, double value) {
        int slot = (first + size) % capacity;
        if (size == capacity) {
            first = (first + 1) % capacity;
        } else {
            size++;
        }
        times[slot] = time;
        values[slot] = value;
    }

    /** Versions 2 and 3: the count, then per value its time as a delta from the previous one and a compact double. */
    @Override
    public void write(RawEventLog log, DataOutput out) throws IOException {
        CompactCodec.writeUnsigned(out, size);
        long previous = 0;
        for (int i = 0; i < size; i++) {
            int slot = (first + i) % capacity;
            CompactCodec.writeSigned(out, times[slot] - previous);
            CompactCodec.writeDouble(out, values[slot]);
            previous = times[slot];
        }
    }

    @Override
    public void read(RawEventLog log, DataInput in) throws IOException {
        first = 0;
        size = 0;
        int count = CompactCodec.readCount(in);
        long time = 0;
        for (int i = 0; i < count; i++) {
            time += CompactCodec.readSigned(in);
            push(time, CompactCodec.readDouble(in));
        }
    }

    @Override
    public void readVersion1(RawEventLog log, DataInput in) throws IOException {
        first = 0;
        size = 0;
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            push(in.readLong(), in.readDouble());
        }
    }
}
