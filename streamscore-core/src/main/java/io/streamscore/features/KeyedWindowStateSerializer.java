package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The compact binary form of a {@link KeyedWindowState}, for keyed state in RocksDB and savepoints.
 *
 * <p>Layout, version 1: version byte, feature-set fingerprint, horizon, next arrival number, latest event time; the
 * raw log (count, then per entry time, arrival and one input per feature: a double, or a presence byte and a key);
 * then each feature's finalized structure in feature order. Everything needed to give bit-identical answers is
 * written, including the prefix and suffix aggregates (recomputing them could round differently).
 *
 * <p>Reading refuses an unknown version and state written for a different feature set (another
 * {@link FeatureSet#fingerprint()}): a changed feature definition needs a state migration, not a silent misread.
 */
public final class KeyedWindowStateSerializer {
    public static final byte VERSION = 1;

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
        out.writeLong(state.horizon());
        out.writeLong(state.nextArrival());
        out.writeLong(state.latestTime());
        RawEventLog log = state.log();
        out.writeInt(log.size());
        for (int j = log.start(); j < log.end(); j++) {
            out.writeLong(log.time(j));
            out.writeLong(log.arrival(j));
            writeInputs(log, j, out);
        }
        for (int f = 0; f < features.size(); f++) {
            state.window(f).write(log, out);
        }
    }

    public KeyedWindowState read(DataInput in) throws IOException {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unsupported window state version " + version + "; this build reads " + VERSION);
        }
        long fingerprint = in.readLong();
        if (fingerprint != features.fingerprint()) {
            throw new IOException("window state was written for another feature set (fingerprint "
                    + Long.toHexString(fingerprint) + ", expected " + Long.toHexString(features.fingerprint())
                    + "); migrate the state when feature definitions change");
        }
        KeyedWindowState state = features.newState();
        state.restoreCounters(in.readLong(), in.readLong(), in.readLong());
        RawEventLog log = state.log();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            int pos = log.insert(in.readLong(), in.readLong());
            readInputs(log, pos, in);
        }
        for (int f = 0; f < features.size(); f++) {
            state.window(f).read(log, in);
        }
        return state;
    }

    private void writeInputs(RawEventLog log, int index, DataOutput out) throws IOException {
        for (int f = 0; f < features.size(); f++) {
            if (!features.input(f).usesKey()) {
                out.writeDouble(log.value(f, index));
                continue;
            }
            Object key = log.objects(f)[index];
            out.writeBoolean(key != null);
            if (key != null) {
                DistinctKeys.write(out, key);
            }
        }
    }

    private void readInputs(RawEventLog log, int index, DataInput in) throws IOException {
        for (int f = 0; f < features.size(); f++) {
            if (!features.input(f).usesKey()) {
                log.set(f, index, in.readDouble());
            } else if (in.readBoolean()) {
                log.objects(f)[index] = DistinctKeys.read(in);
            }
        }
    }
}
