package io.streamscore.codec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Variable-length non-negative integers, 7 bits a byte, low bits first (a count below 128 takes one byte), for the
 * compact state formats (feature windows, drift monitor).
 */
public final class VarInts {
    private VarInts() {}

    public static void writeUnsigned(DataOutput out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    /** @param state what is being read, for the message when the bytes are malformed (e.g. "window state") */
    public static long readUnsigned(DataInput in, String state) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length number in " + state);
    }
}
