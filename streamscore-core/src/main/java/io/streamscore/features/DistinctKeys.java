package io.streamscore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The values that distinct counts compare: a {@link String} for string fields, a {@link Double} for numeric ones
 * (compared like {@link Double#equals}, so {@code 0.0} and {@code -0.0} differ), with their binary form and a 64-bit
 * hash for the HyperLogLog (FNV-1a over the UTF-16 code units, then the MurmurHash3 finalizer, which spreads the
 * bits well enough for 4096 registers).
 */
final class DistinctKeys {
    private static final byte STRING = 0;
    private static final byte NUMBER = 1;

    private DistinctKeys() {}

    static long hash(Object key) {
        if (key instanceof String s) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001b3L;
            }
            return mix(h);
        }
        return mix(Double.doubleToLongBits((Double) key) ^ 0x9e3779b97f4a7c15L);
    }

    /**
     * The version 2 form of a key or {@code null}, one varint first: 0 for null, 1 for a number (a compact double
     * follows), {@code 2 + length} for a string (its UTF-8 bytes follow).
     */
    static void writeCompact(DataOutput out, Object key) throws IOException {
        if (key == null) {
            out.writeByte(0);
        } else if (key instanceof String s) {
            writeCompactString(out, s);
        } else {
            out.writeByte(1);
            CompactCodec.writeDouble(out, (Double) key);
        }
    }

    /** ASCII (ids, codes) is its own UTF-8, written char by char without an intermediate array. */
    private static void writeCompactString(DataOutput out, String s) throws IOException {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) >= 0x80) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                CompactCodec.writeUnsigned(out, 2L + bytes.length);
                out.write(bytes);
                return;
            }
        }
        CompactCodec.writeUnsigned(out, 2L + length);
        for (int i = 0; i < length; i++) {
            out.writeByte(s.charAt(i));
        }
    }

    static Object readCompact(DataInput in) throws IOException {
        long kind = CompactCodec.readUnsigned(in);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return CompactCodec.readDouble(in);
        }
        if (kind - 2 > Integer.MAX_VALUE) {
            throw new IOException("distinct key of impossible length " + (kind - 2));
        }
        byte[] bytes = new byte[(int) (kind - 2)];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Object read(DataInput in) throws IOException {
        byte kind = in.readByte();
        if (kind == NUMBER) {
            return in.readDouble();
        }
        if (kind != STRING) {
            throw new IOException("unknown distinct key kind " + kind);
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
