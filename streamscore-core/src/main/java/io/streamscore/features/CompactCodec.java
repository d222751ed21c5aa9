package io.streamscore.features;

import io.streamscore.codec.VarInts;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The building blocks of window state format versions 2 and 3 (see {@link KeyedWindowStateSerializer}): variable-length
 * integers (7 bits a byte, zigzag for signed ones, so times written as deltas and arrival numbers take 1-3 bytes) and
 * doubles written in as few bytes as give back the very same bits: a whole number or a number of hundredths (money)
 * as a varint, the canonical NaN in one byte, anything else as its 8 raw bytes after a one-byte tag.
 */
final class CompactCodec {
    private static final int INTEGER = 0;
    private static final int HUNDREDTHS = 1;
    private static final int NAN = 2;
    private static final int RAW = 3;
    private static final long EXACT_LIMIT = 1L << 53;
    private static final long CANONICAL_NAN = Double.doubleToRawLongBits(Double.NaN);

    private CompactCodec() {}

    static void writeUnsigned(DataOutput out, long value) throws IOException {
        VarInts.writeUnsigned(out, value);
    }

    static long readUnsigned(DataInput in) throws IOException {
        return VarInts.readUnsigned(in, "window state");
    }

    static void writeSigned(DataOutput out, long value) throws IOException {
        writeUnsigned(out, zigzag(value));
    }

    static long readSigned(DataInput in) throws IOException {
        return unzigzag(readUnsigned(in));
    }

    /** A count or size: non-negative and at most {@link Integer#MAX_VALUE}. */
    static int readCount(DataInput in) throws IOException {
        long count = readUnsigned(in);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new IOException("window state holds an impossible count " + count);
        }
        return (int) count;
    }

    static void writeDouble(DataOutput out, double x) throws IOException {
        long bits = Double.doubleToRawLongBits(x);
        if (bits == CANONICAL_NAN) {
            out.writeByte(NAN);
            return;
        }
        long whole = (long) x;
        if (whole > -EXACT_LIMIT && whole < EXACT_LIMIT && Double.doubleToRawLongBits(whole) == bits) {
            writeUnsigned(out, zigzag(whole) << 2 | INTEGER);
            return;
        }
        long hundredths = Math.round(x * 100);
        if (hundredths > -EXACT_LIMIT && hundredths < EXACT_LIMIT
                && Double.doubleToRawLongBits(hundredths / 100.0) == bits) {
            writeUnsigned(out, zigzag(hundredths) << 2 | HUNDREDTHS);
            return;
        }
        out.writeByte(RAW);
        out.writeLong(bits);
    }

    static double readDouble(DataInput in) throws IOException {
        long header = readUnsigned(in);
        long payload = unzigzag(header >>> 2);
        return switch ((int) (header & 3)) {
            case INTEGER -> (double) payload;
            case HUNDREDTHS -> payload / 100.0;
            case NAN -> Double.NaN;
            default -> Double.longBitsToDouble(in.readLong());
        };
    }

    static void writeDoubles(DataOutput out, double[] values, int from, int count) throws IOException {
        for (int i = from; i < from + count; i++) {
            writeDouble(out, values[i]);
        }
    }

    static void readDoubles(DataInput in, double[] values, int from, int count) throws IOException {
        for (int i = from; i < from + count; i++) {
            values[i] = readDouble(in);
        }
    }

    /**
     * Aggregates that a state derives from what precedes them (prefix and suffix aggregates): item {@code k}'s
     * stored doubles sit at {@link #offset}; {@link #expect} recomputes them from item {@code k - 1} (already
     * stored or restored) the way the state itself did.
     */
    interface Derived {
        int offset(int k);

        void expect(int k, double[] into);
    }

    /**
     * Writes {@code n} derived aggregates of {@code width} doubles in chunks of 8: a flag byte marks those whose
     * recomputation would not give the very same bits (sums added in another order round differently), and only
     * those are written. So restored aggregates are bit-identical, and in-order streams write one byte per 8.
     */
    static void writeDerived(DataOutput out, double[] values, int n, int width, Derived derived)
            throws IOException {
        double[] expected = new double[width];
        for (int chunk = 0; chunk < n; chunk += 8) {
            int end = Math.min(n, chunk + 8);
            int flags = 0;
            for (int k = chunk; k < end; k++) {
                derived.expect(k, expected);
                if (!sameBits(expected, 0, values, derived.offset(k), width)) {
                    flags |= 1 << (k - chunk);
                }
            }
            out.writeByte(flags);
            for (int k = chunk; k < end; k++) {
                if ((flags & 1 << (k - chunk)) != 0) {
                    writeDoubles(out, values, derived.offset(k), width);
                }
            }
        }
    }

    static void readDerived(DataInput in, double[] values, int n, int width, Derived derived) throws IOException {
        double[] expected = new double[width];
        for (int chunk = 0; chunk < n; chunk += 8) {
            int flags = in.readUnsignedByte();
            for (int k = chunk; k < Math.min(n, chunk + 8); k++) {
                if ((flags & 1 << (k - chunk)) != 0) {
                    readDoubles(in, values, derived.offset(k), width);
                } else {
                    derived.expect(k, expected);
                    System.arraycopy(expected, 0, values, derived.offset(k), width);
                }
            }
        }
    }

    /** Whether {@code a[aOff, aOff + count)} and {@code b[bOff, ...)} hold the very same bits. */
    static boolean sameBits(double[] a, int aOff, double[] b, int bOff, int count) {
        for (int i = 0; i < count; i++) {
            if (Double.doubleToRawLongBits(a[aOff + i]) != Double.doubleToRawLongBits(b[bOff + i])) {
                return false;
            }
        }
        return true;
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long zigzag) {
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }
}
