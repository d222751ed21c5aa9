package io.streamscore.flink.drift;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The drift monitor's held samples as one checkpointed value: a version byte, the count, then per sample its event
 * time, whether it is a score, the number of values and the values (raw doubles, NaN kept bit for bit).
 *
 * <p>The monitor holds about one watermark delay of samples (two per event: the model inputs and the score), 50K at
 * 5,000 payments/s with a 5 s out-of-orderness. Written one list element per sample, Flink's operator state copies
 * each one with the POJO serializer on the task thread and then flushes the checkpoint stream and asks the file for
 * its position per element (it records every element's offset): in the fraud demo that made the monitor's checkpoint
 * take 0.8-1.3 s, against 0.2-0.4 s for the keyed feature state, and every exactly-once result waited for it. One
 * byte array is one element: encoded in a few milliseconds, copied and written in one piece.
 */
final class PendingSamples {
    static final byte VERSION = 1;

    private PendingSamples() {}

    static byte[] write(Collection<DriftSample> samples) throws IOException {
        int bytes = 5;
        for (DriftSample sample : samples) {
            bytes += 13 + 8 * sample.values.length;
        }
        DataOutputSerializer out = new DataOutputSerializer(bytes);
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
