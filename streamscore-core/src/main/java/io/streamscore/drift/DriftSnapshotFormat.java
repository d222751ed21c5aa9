package io.streamscore.drift;

import io.streamscore.codec.VarInts;
import io.streamscore.registry.Histogram;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@link DriftMonitor} snapshot, and the variable-length numbers its windows are written in.
 *
 * <p>Version 1, in order: the version byte; the header: the reference (model name and version), window and every in
 * milliseconds, the watched names, and a fingerprint of their baselines (SHA-256 of edges, counts and missing, first
 * 8 bytes); then per watched value: its evaluation clock and window (see {@link DriftMonitor#snapshot()}). A
 * snapshot whose header differs from the monitor's describes other windows (another champion, other features, other
 * bins), which the monitor drops instead of restoring.
 */
final class DriftSnapshotFormat {
    static final int VERSION = 1;
    /** More watched values than any model has: a corrupt snapshot cannot make the reader allocate past this. */
    private static final long MAX_NAMES = 100_000;

    /** What identifies the windows a snapshot holds. */
    record Header(String reference, long windowMillis, long everyMillis, List<String> names, long fingerprint) {
        void write(DataOutput out) throws IOException {
            out.writeByte(VERSION);
            out.writeUTF(reference);
            writeUnsigned(out, windowMillis);
            writeUnsigned(out, everyMillis);
            writeUnsigned(out, names.size());
            for (String name : names) {
                out.writeUTF(name);
            }
            out.writeLong(fingerprint);
        }

        /** Reads a header written by {@link #write}; throws for a version this build does not read. */
        static Header read(DataInput in) throws IOException {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("drift monitor state has format version " + version + ", this build reads "
                        + "version " + VERSION + " only; restore it with the Streamscore version that wrote it, or "
                        + "start the job without that state (drift windows then start empty)");
            }
            String reference = in.readUTF();
            long window = readUnsigned(in);
            long every = readUnsigned(in);
            long count = readUnsigned(in);
            if (count < 0 || count > MAX_NAMES) {
                throw new IOException("drift monitor state names " + count + " watched values: it is corrupt");
            }
            List<String> names = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                names.add(in.readUTF());
            }
            return new Header(reference, window, every, List.copyOf(names), in.readLong());
        }

        /**
         * Why windows written under {@code this} header do not fit a monitor with {@code current}; null when they do.
         */
        String mismatch(Header current) {
            if (!reference.equals(current.reference)) {
                return "the model changed from '" + reference + "' to '" + current.reference + "'";
            }
            if (windowMillis != current.windowMillis || everyMillis != current.everyMillis) {
                return "window/every changed from " + windowMillis + "/" + everyMillis + " ms to "
                        + current.windowMillis + "/" + current.everyMillis + " ms";
            }
            if (!names.equals(current.names)) {
                return "the watched values changed from " + names + " to " + current.names;
            }
            if (fingerprint != current.fingerprint) {
                return "the baselines changed";
            }
            return null;
        }
    }

    private DriftSnapshotFormat() {}

    /** The first 8 bytes of SHA-256 over the baselines' edges, counts and missing values, in order. */
    static long fingerprint(List<Histogram> baselines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer longs = ByteBuffer.allocate(Long.BYTES);
            for (Histogram baseline : baselines) {
                digest.update(("|" + baseline.edges().length).getBytes(StandardCharsets.UTF_8));
                for (double edge : baseline.edges()) {
                    digest.update(longs.clear().putLong(Double.doubleToLongBits(edge)).array());
                }
                for (long count : baseline.counts()) {
                    digest.update(longs.clear().putLong(count).array());
                }
                digest.update(longs.clear().putLong(baseline.missing()).array());
            }
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A non-negative number in 7 bits a byte (a count below 128 takes one byte). */
    static void writeUnsigned(DataOutput out, long value) throws IOException {
        VarInts.writeUnsigned(out, value);
    }

    static long readUnsigned(DataInput in) throws IOException {
        return VarInts.readUnsigned(in, "drift monitor state");
    }
}
