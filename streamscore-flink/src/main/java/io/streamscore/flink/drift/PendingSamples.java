package io.streamscore.flink.drift;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The drift monitor's held samples as a few checkpointed values, each a version byte, the count, then per sample its
 * event time, whether it is a score, the number of values and the values (raw doubles, NaN kept bit for bit).
 *
 * <p>The monitor holds about one watermark delay of samples (two per event: the model inputs and the score), up to 50K
 * at 5,000 payments/s with a 5 s out-of-orderness (~30K in the fraud demo). Written one list element per sample,
 * Flink's operator state copies each one with the POJO serializer on the task thread and then flushes the checkpoint
 * stream and asks the file for its position per element (it records every element's offset): in the fraud demo that
 * made the monitor's checkpoint take 0.8-1.3 s, against 0.2-0.4 s for the keyed feature state, and every exactly-once
 * result waited for it. Now a byte array of up to 8 MB of samples (110K of the fraud model's 7 inputs) is one element:
 * encoded in a few milliseconds, copied and written in one piece.
 */
final class PendingSamples {
    static final byte VERSION = 1;
    /** About how large one checkpointed entry grows before the next one starts. */
    static final int ENTRY_BYTES = 8 << 20;
    private static final int HEADER_BYTES = 5;

    private PendingSamples() {}

    /**
     * The samples in entries of at most about {@code entryBytes} each (one entry, possibly empty, when they fit; a
     * sample larger than that has one of its own): a backlog replayed with one input far ahead can hold millions,
     * more than one array may take.
     */
    static List<byte[]> write(Collection<DriftSample> samples, int entryBytes) throws IOException {
        List<byte[]> entries = new ArrayList<>();
        List<DriftSample> chunk = new ArrayList<>();
        long bytes = HEADER_BYTES;
        for (DriftSample sample : samples) {
            if (!chunk.isEmpty() && bytes + bytes(sample) > entryBytes) {
                entries.add(write(chunk, bytes));
                chunk.clear();
                bytes = HEADER_BYTES;
            }
            chunk.add(sample);
            bytes += bytes(sample);
        }
        if (!chunk.isEmpty() || entries.isEmpty()) {
            entries.add(write(chunk, bytes));
        }
        return entries;
    }

    private static long bytes(DriftSample sample) {
        return 13 + 8L * sample.values.length;
    }

    private static byte[] write(List<DriftSample> samples, long bytes) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer((int) Math.min(bytes, Integer.MAX_VALUE - 16));
        out.writeByte(VERSION);
        out.writeInt(samples.size());
        for (DriftSample sample : samples) {
            out.writeLong(sample.eventTime);
            out.writeBoolean(sample.score);
            out.writeInt(sample.values.length);
            for (double value : sample.values) {
                out.writeLong(Double.doubleToRawLongBits(value));
            }
        }
        return out.getCopyOfBuffer();
    }

    static List<DriftSample> read(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("held drift samples of unknown version " + version + "; this build reads "
                    + VERSION);
        }
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("held drift samples: impossible count " + count);
        }
        List<DriftSample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long eventTime = in.readLong();
            boolean score = in.readBoolean();
            int size = in.readInt();
            if (size < 0 || size > in.available() / 8) {
                throw new IOException("held drift sample " + i + ": impossible number of values " + size);
            }
            double[] values = new double[size];
            for (int v = 0; v < values.length; v++) {
                values[v] = Double.longBitsToDouble(in.readLong());
            }
            samples.add(new DriftSample(eventTime, score, values));
        }
        if (in.available() != 0) {
            throw new IOException("held drift samples: " + in.available() + " bytes after the last of " + count);
        }
        return samples;
    }
}
