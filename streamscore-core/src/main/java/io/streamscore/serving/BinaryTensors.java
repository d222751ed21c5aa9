package io.streamscore.serving;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Open Inference Protocol's binary tensor data extension (as Triton and KServe define it): a request or response
 * body is a JSON header of {@link #HEADER_LENGTH} bytes followed by the tensors' raw data, each tensor's elements in
 * row-major order, little-endian, {@code "parameters": {"binary_data_size": N}} in place of its {@code "data"}. A
 * client asks for binary outputs with {@code "parameters": {"binary_data": true}} on an output. Binary FP64 carries
 * NaN as itself, where JSON needs {@code null}.
 */
public final class BinaryTensors {
    /** The HTTP header that gives the JSON header's length in bytes. */
    public static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    /** The parameter that gives a tensor's binary data size in bytes. */
    public static final String DATA_SIZE = "binary_data_size";
    /** The output parameter (and, as {@code binary_data_output}, request parameter) that asks for binary data. */
    public static final String BINARY_DATA = "binary_data";
    public static final String BINARY_DATA_OUTPUT = "binary_data_output";
    /** The extension's name in the server metadata. */
    public static final String EXTENSION = "binary_tensor_data";

    private BinaryTensors() {}

    /** Bytes per element of {@code type} in binary data; 0 for types Streamscore does not read in binary. */
    public static int elementBytes(Datatype type) {
        return switch (type) {
            case BOOL, UINT8, INT8 -> 1;
            case UINT16, INT16 -> 2;
            case UINT32, INT32, FP32 -> 4;
            case UINT64, INT64, FP64 -> 8;
            case FP16, BYTES -> 0;
        };
    }

    /** A body of {@code header} (JSON) then {@code values} as FP64 binary data, in one array. */
    public static byte[] body(byte[] header, double[] values) {
        ByteBuffer out = start(header, values.length);
        for (double value : values) {
            out.putDouble(value);
        }
        return out.array();
    }

    private static ByteBuffer start(byte[] header, int doubles) {
        return ByteBuffer.allocate(header.length + doubles * Double.BYTES).put(header).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads {@code out.length} elements of {@code type} from {@code data} (little-endian, advancing its position) as
     * doubles; unsigned 64-bit values above {@code Long.MAX_VALUE} read as their unsigned value.
     *
     * @throws IllegalArgumentException for a type without a binary form here ({@link #elementBytes} 0)
     */
    public static void read(ByteBuffer data, Datatype type, double[] out) {
        ByteBuffer in = data.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case BOOL -> in.get() != 0 ? 1 : 0;
                case INT8 -> in.get();
                case UINT8 -> Byte.toUnsignedInt(in.get());
                case INT16 -> in.getShort();
                case UINT16 -> Short.toUnsignedInt(in.getShort());
                case INT32 -> in.getInt();
                case UINT32 -> Integer.toUnsignedLong(in.getInt());
                case FP32 -> in.getFloat();
                case INT64 -> in.getLong();
                case UINT64 -> unsigned(in.getLong());
                case FP64 -> in.getDouble();
                case FP16, BYTES -> throw new IllegalArgumentException(type + " has no binary form here");
            };
        }
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2 + (value & 1);
    }
}
