package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The compact binary form of a {@link KeyedWindowState}, for keyed state in RocksDB, checkpoints and savepoints.
 *
 * <p>Layout, version 2 (written): version byte, feature-set fingerprint (8 bytes), then variable-length integers
 * and compact doubles ({@link CompactCodec}): horizon, next arrival number, latest event time; the raw log (count,
 * then per entry its time as a delta from the previous entry's (the first from the horizon), its arrival number as a
 * delta from the previous one (the first from the next arrival number) and one input per feature: a compact double,
 * or a compact key); then each feature's finalized structure in feature order. Everything needed for bit-identical
 * answers is restored exactly: derived aggregates (prefixes, suffixes) are left out only where recomputing them
 * gives the very same bits, and doubles are shortened only where that loses no bit.
 *
 * <p>Version 1 (read, for checkpoints and savepoints taken before version 2): the same fields at fixed width (longs,
 * ints, doubles; keys as a presence byte, a kind byte, a length and UTF-8), every derived aggregate written out.
 *
 * <p>Reading refuses an unknown version and state written for a different feature set (another
 * {@link FeatureSet#fingerprint()}): a changed feature definition needs a state migration, not a silent misread.
 */
public final class KeyedWindowStateSerializer {
    public static final byte VERSION = 2;
    static final byte VERSION_1 = 1;

    private final FeatureSet features;

    public KeyedWindowStateSerializer(FeatureSet features) {
        this.features = features;
    }

    public void write(KeyedWindowState state, DataOutput out) throws IOException {
        if (state.features() != features) {
            throw new IllegalArgumentException("state belongs to another feature set");
        }
        out.writeByte(VERSION);
        out.writeLong(features.fingerprint());
        CompactCodec.writeSigned(out, state.horizon());
        CompactCodec.writeSigned(out, state.nextArrival());
        CompactCodec.writeSigned(out, state.latestTime());
        RawEventLog log = state.log();
        CompactCodec.writeUnsigned(out, log.size());
        long time = state.horizon();
        long arrival = state.nextArrival();
        for (int j = log.start(); j < log.end(); j++) {
            CompactCodec.writeSigned(out, log.time(j) - time);
            CompactCodec.writeSigned(out, log.arrival(j) - arrival);
            time = log.time(j);
            arrival = log.arrival(j);
            for (int f = 0; f < features.size(); f++) {
                if (features.input(f).usesKey()) {
                    DistinctKeys.writeCompact(out, log.objects(f)[j]);
                } else {
                    CompactCodec.writeDouble(out, log.value(f, j));
                }
            }
        }
        for (int f = 0; f < features.size(); f++) {
            state.window(f).write(log, out);
        }
    }

    public KeyedWindowState read(DataInput in) throws IOException {
        byte version = in.readByte();
        if (version != VERSION && version != VERSION_1) {
            throw new IOException("unsupported window state version " + version + "; this build reads "
                    + VERSION_1 + " and " + VERSION);
        }
        long fingerprint = in.readLong();
        if (fingerprint != features.fingerprint()) {
            throw new IOException("window state was written for another feature set (fingerprint "
                    + Long.toHexString(fingerprint) + ", expected " + Long.toHexString(features.fingerprint())
                    + "); migrate the state when feature definitions change");
        }
        return version == VERSION ? readVersion2(in) : readVersion1(in);
    }

    private KeyedWindowState readVersion2(DataInput in) throws IOException {
        KeyedWindowState state = features.newState();
        state.restoreCounters(CompactCodec.readSigned(in), CompactCodec.readSigned(in), CompactCodec.readSigned(in));
        RawEventLog log = state.log();
        int size = CompactCodec.readCount(in);
        long time = state.horizon();
        long arrival = state.nextArrival();
        for (int i = 0; i < size; i++) {
            time += CompactCodec.readSigned(in);
            arrival += CompactCodec.readSigned(in);
            int pos = log.insert(time, arrival);
            for (int f = 0; f < features.size(); f++) {
                if (features.input(f).usesKey()) {
                    log.objects(f)[pos] = DistinctKeys.readCompact(in);
                } else {
                    log.set(f, pos, CompactCodec.readDouble(in));
                }
            }
        }
        for (int f = 0; f < features.size(); f++) {
            state.window(f).read(log, in);
        }
        return state;
    }

    private KeyedWindowState readVersion1(DataInput in) throws IOException {
        KeyedWindowState state = features.newState();
        state.restoreCounters(in.readLong(), in.readLong(), in.readLong());
        RawEventLog log = state.log();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            int pos = log.insert(in.readLong(), in.readLong());
            for (int f = 0; f < features.size(); f++) {
                if (!features.input(f).usesKey()) {
                    log.set(f, pos, in.readDouble());
                } else if (in.readBoolean()) {
                    log.objects(f)[pos] = DistinctKeys.read(in);
                }
            }
        }
        for (int f = 0; f < features.size(); f++) {
            state.window(f).readVersion1(log, in);
        }
        return state;
    }
}
