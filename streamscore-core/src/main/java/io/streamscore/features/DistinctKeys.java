package io.streamscore.features;

import java.io.DataInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The values that distinct counts compare: a {@link String} for string fields, a {@link Double} for numeric ones
 * (compared like {@link Double#equals}, so {@code 0.0} and {@code -0.0} differ), with their binary form and a 64-bit
 * hash (FNV-1a over the UTF-16 code units, then the MurmurHash3 finalizer, which spreads the bits well enough for
 * 4096 HyperLogLog registers). Exact distinct counts keep only that hash ({@link #keyHash}): two values are the same
 * when their hashes are, so {@code n} values in a window are counted exactly unless two of them collide, with a
 * probability of about {@code n^2 / 2^65} (3e-14 for 1,000 values).
 */
final class DistinctKeys {
    /** The key hash of "no value" (the filter failed or the field is missing); no value hashes to it. */
    static final long NONE = 0L;

    private static final byte STRING = 0;
    private static final byte NUMBER = 1;

    private DistinctKeys() {}

    static long hash(Object key) {
        return key instanceof String s ? hash(s) : hash(((Double) key).doubleValue());
    }

    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    static long hash(double number) {
        return mix(Double.doubleToLongBits(number) ^ 0x9e3779b97f4a7c15L);
    }

    /** The hash exact distinct counts keep for a value, {@link #NONE} for null (a value hashing to 0 becomes 1). */
    static long keyHash(Object key) {
        return key == null ? NONE : notNone(hash(key));
    }

    static long notNone(long hash) {
        return hash == NONE ? 1L : hash;
    }

    /**
     * Reads a key or {@code null} as version 2 of the window state wrote it: one varint first, 0 for null, 1 for a
     * number (a compact double follows), {@code 2 + length} for a string (its UTF-8 bytes follow).
     */
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
