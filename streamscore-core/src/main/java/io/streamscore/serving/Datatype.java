package io.streamscore.serving;

import java.math.BigInteger;

/**
 * The tensor datatypes of the Open Inference Protocol (KServe v2), by their protocol names. Streamscore's models read
 * numbers, so every type but {@code BYTES} is accepted as input and converted to {@code double}; scores are returned
 * as {@code FP64} so a remote score equals the in-process one bit for bit.
 */
public enum Datatype {
    BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES;

    /** The largest finite FP16 value, 65504. */
    private static final double FP16_MAX = 65504;

    /** The datatype named {@code name} (case-sensitive, as the protocol says), or null if there is none. */
    public static Datatype byName(String name) {
        for (Datatype type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    public boolean isNumeric() {
        return this != BYTES && this != BOOL;
    }

    public boolean isInteger() {
        return isNumeric() && this != FP16 && this != FP32 && this != FP64;
    }

    /** Whether integer {@code value} is one of this integer datatype's values (UINT8: 0 to 255). */
    public boolean holds(long value) {
        return value >= smallest() && value <= largest();
    }

    /** The same for an integer past {@code long}'s range: only UINT64 holds some of those (up to 2^64 - 1). */
    public boolean holds(BigInteger value) {
        if (value.bitLength() < Long.SIZE) {
            return holds(value.longValue());
        }
        return this == UINT64 && value.signum() > 0 && value.bitLength() == Long.SIZE;
    }

    /**
     * Whether {@code value} is within this floating-point datatype's range: finite, and no larger in magnitude than
     * the type's largest finite value (a JSON number past FP64's range is read as infinity).
     */
    public boolean holds(double value) {
        return Math.abs(value) <= largestFloat();
    }

    /** The range in words, for an error message: {@code "0 to 255"}, {@code "±3.4028234663852886E38"}. */
    public String describeRange() {
        if (this == UINT64) {
            return "0 to " + Long.toUnsignedString(-1L);
        }
        return isInteger() ? smallest() + " to " + largest() : "±" + largestFloat();
    }

    private long smallest() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            default -> throw new IllegalStateException(this + " is not an integer datatype");
        };
    }

    /** The largest value that is a {@code long}: UINT64 holds larger ones too. */
    private long largest() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64, UINT64 -> Long.MAX_VALUE;
            case UINT8 -> 0xFF;
            case UINT16 -> 0xFFFF;
            case UINT32 -> 0xFFFF_FFFFL;
            default -> throw new IllegalStateException(this + " is not an integer datatype");
        };
    }

    private double largestFloat() {
        return switch (this) {
            case FP16 -> FP16_MAX;
            case FP32 -> Float.MAX_VALUE;
            case FP64 -> Double.MAX_VALUE;
            default -> throw new IllegalStateException(this + " is not a floating-point datatype");
        };
    }
}
