package io.streamscore.serving;

/**
 * The tensor datatypes of the Open Inference Protocol (KServe v2), by their protocol names. Streamscore's models read
 * numbers, so every type but {@code BYTES} is accepted as input and converted to {@code double}; scores are returned
 * as {@code FP64} so a remote score equals the in-process one bit for bit.
 */
public enum Datatype {
    BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES;

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
}
