package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The compact binary form of a {@link KeyedWindowState}, for keyed state in RocksDB, checkpoints and savepoints.
 *
 * <p>Layout, version 3 (written): version byte, feature-set fingerprint (8 bytes), then variable-length integers
 * and compact doubles ({@link CompactCodec}): horizon, next arrival number, latest event time; the raw log (count,
 * then per entry its time as a delta from the previous entry's (the first from the horizon), its arrival number as a
 * delta from the previous one (the first from the next arrival number) and one input per feature: a compact double,
 * or for an exact distinct count the value's 64-bit hash, 8 bytes, 0 for none); then each feature's finalized
 * structure in feature order. Everything needed for bit-identical
 * answers is restored exactly: derived aggregates (prefixes, suffixes) are left out only where recomputing them
 * gives the very same bits, and doubles are shortened only where that loses no bit.
 *
 * <p>Version 2 (read, for checkpoints and savepoints taken before version 3): the same, except that exact distinct
 * counts wrote each value itself (a compact key, {@link DistinctKeys#writeCompact}); reading hashes them.
 *
 * <p>Version 1 (read, for checkpoints and savepoints taken before version 2): the same fields at fixed width (longs,
 * ints, doubles; keys as a presence byte, a kind byte, a length and UTF-8), every derived aggregate written out.
 *
 * <p>Reading refuses an unknown version and state written for a different feature set (another
 * {@link FeatureSet#fingerprint()}): a changed feature set is migrated ({@link FeatureStateMigration}), never misread.
 */
public final class KeyedWindowStateSerializer {
    public static final byte VERSION = 3;
    static final byte VERSION_2 = 2;
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
                    out.writeLong(log.keys(f)[j]);
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
        if (version < VERSION_1 || version > VERSION) {
            throw new IOException("unsupported window state version " + version + "; this build reads "
                    + VERSION_1 + " to " + VERSION);
        }
        long fingerprint = in.readLong();
        if (fingerprint != features.fingerprint()) {
            throw new IOException("window state was written for another feature set (fingerprint "
                    + Long.toHexString(fingerprint) + ", expected " + Long.toHexString(features.fingerprint())
                    + "); migrate it to this feature set with FeatureStateMigration");
        }
        return version == VERSION_1 ? readVersion1(in) : readCompact(in, version);
    }

    /** Versions 2 and 3. */
    private KeyedWindowState readCompact(DataInput in, byte version) throws IOException {
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
                    log.keys(f)[pos] = version == VERSION ? in.readLong()
                            : DistinctKeys.keyHash(DistinctKeys.readCompact(in));
                } else {
                    log.set(f, pos, CompactCodec.readDouble(in));
                }
            }
        }
        for (int f = 0; f < features.size(); f++) {
            if (version == VERSION) {
                state.window(f).read(log, in);
            } else {
                state.window(f).readVersion2(log, in);
            }
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
                    log.keys(f)[pos] = DistinctKeys.keyHash(DistinctKeys.read(in));
                }
            }
        }
        for (int f = 0; f < features.size(); f++) {
            state.window(f).readVersion1(log, in);
        }
        return state;
    }
}
