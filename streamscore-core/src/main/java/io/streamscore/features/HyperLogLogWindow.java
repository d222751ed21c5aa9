package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * State of one {@link Aggregation#APPROX_DISTINCT} feature: a sliding HyperLogLog with precision 12 (4096 registers,
 * standard error 1.04 / sqrt(4096) = 1.625%), after Chabchoub and Hebrail's "list of future possible maxima".
 *
 * <p>Each value becomes a register and a rank. Finalized (time, register, rank) entries are kept in time order; an
 * entry can go once a later-or-equal finalized entry of the same register has a rank at least as high, because every
 * answer after the horizon that contains the older one contains the newer one too. Pruning runs when the entries have
 * doubled, so it is O(1) amortized, and leaves per register a chain of strictly falling ranks: at most 53 entries per
 * register, in practice about ln(values / 4096) + 1. Log entries keep their (register, rank) code as input. An answer
 * builds the registers of its window from the entries at or after its start and estimates, with linear counting for
 * small cardinalities: O(4096 + entries in the window) per answer, the one aggregation whose cost is not O(1).
 */
final class HyperLogLogWindow implements FeatureWindow {
    static final int PRECISION = 12;
    static final int REGISTERS = 1 << PRECISION;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
    private static final double[] INVERSE_POWERS = new double[65];

    static {
        for (int r = 0; r < INVERSE_POWERS.length; r++) {
            INVERSE_POWERS[r] = Math.scalb(1.0, -r);
        }
    }

    private final WindowGrid grid;
    private final int feature;
    private final int inputColumn;
    private long[] times = new long[64];
    private int[] codes = new int[64];
    private int head;
    private int tail;
    private int sizeAfterPrune;
    private final byte[] registers = new byte[REGISTERS];

    HyperLogLogWindow(WindowGrid grid, int feature, int inputColumn) {
        this.grid = grid;
        this.feature = feature;
        this.inputColumn = inputColumn;
    }

    private HyperLogLogWindow(HyperLogLogWindow from) {
        this(from.grid, from.feature, from.inputColumn);
        times = from.times.clone();
        codes = from.codes.clone();
        head = from.head;
        tail = from.tail;
        sizeAfterPrune = from.sizeAfterPrune;
    }

    @Override
    public HyperLogLogWindow copy() {
        return new HyperLogLogWindow(this);
    }

    /** The (register, rank) code of a value, as stored in the log's input column. */
    static int code(Object key) {
        long hash = DistinctKeys.hash(key);
        int register = (int) (hash >>> (64 - PRECISION));
        int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
        return register << 8 | rank;
    }

    @Override
    public void inserted(RawEventLog log, int pos) {
        // nothing derived: answers read the log directly
    }

    @Override
    public void answer(RawEventLog log, int pos, long time, long horizon, FeatureVector out) {
        long startTime = grid.startTime(time);
        Arrays.fill(registers, (byte) 0);
        for (int i = RawEventLog.firstAtOrAfter(times, head, tail, startTime); i < tail; i++) {
            observe(codes[i]);
        }
        for (int j = log.firstAtOrAfter(startTime); j <= pos; j++) {
            double code = log.value(inputColumn, j);
            if (!Double.isNaN(code)) {
                observe((int) code);
            }
        }
        out.set(feature, estimate());
    }

    @Override
    public void compact(RawEventLog log, int index) {
        double code = log.value(inputColumn, index);
        if (Double.isNaN(code)) {
            return;
        }
        append(log.time(index), (int) code);
        if (tail - head > 2 * sizeAfterPrune + 64) {
            prune();
        }
    }

    @Override
    public void compacted(RawEventLog log, int lastIndex, long horizon) {
        // entries are complete after each compact()
    }

    @Override
    public void evict(long horizon) {
        long frontier = grid.frontierTime(horizon);
        while (head < tail && times[head] < frontier) {
            head++;
        }
        sizeAfterPrune = Math.min(sizeAfterPrune, tail - head);
    }

    @Override
    public boolean isEmpty() {
        return head == tail;
    }

    private void observe(int code) {
        int register = code >>> 8;
        byte rank = (byte) (code & 0xFF);
        if (rank > registers[register]) {
            registers[register] = rank;
        }
    }

    private double estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte rank : registers) {
            sum += INVERSE_POWERS[rank];
            zeros += rank == 0 ? 1 : 0;
        }
        double raw = ALPHA * REGISTERS * REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && zeros > 0) {
            return REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return raw;
    }

    /** Drops every entry dominated by a later one of its register, keeping time order. */
    private void prune() {
        Arrays.fill(registers, (byte) 0);
        int kept = tail;
        for (int i = tail - 1; i >= head; i--) {
            int register = codes[i] >>> 8;
            byte rank = (byte) (codes[i] & 0xFF);
            if (rank > registers[register]) {
                registers[register] = rank;
                kept--;
                times[kept] = times[i];
                codes[kept] = codes[i];
            }
        }
        head = kept;
        sizeAfterPrune = tail - head;
    }

    private void append(long time, int code) {
        if (tail == times.length) {
            int size = tail - head;
            int capacity = size * 2 > times.length ? times.length * 2 : times.length;
            times = Arrays.copyOfRange(times, head, head + capacity);
            codes = Arrays.copyOfRange(codes, head, head + capacity);
            tail = size;
            head = 0;
        }
        times[tail] = time;
        codes[tail] = code;
        tail++;
    }

    /** Versions 2 and 3: the count, then per entry its time as a delta from the previous one and its code (varints). */
    @Override
    public void write(RawEventLog log, DataOutput out) throws IOException {
        CompactCodec.writeUnsigned(out, tail - head);
        long previous = 0;
        for (int i = head; i < tail; i++) {
            CompactCodec.writeSigned(out, times[i] - previous);
            CompactCodec.writeUnsigned(out, codes[i]);
            previous = times[i];
        }
    }

    @Override
    public void read(RawEventLog log, DataInput in) throws IOException {
        head = 0;
        tail = 0;
        int count = CompactCodec.readCount(in);
        long time = 0;
        for (int i = 0; i < count; i++) {
            time += CompactCodec.readSigned(in);
            append(time, (int) CompactCodec.readUnsigned(in));
        }
        sizeAfterPrune = count;
    }

    @Override
    public void readVersion1(RawEventLog log, DataInput in) throws IOException {
        head = 0;
        tail = 0;
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            append(in.readLong(), in.readInt());
        }
        sizeAfterPrune = count;
    }
}
