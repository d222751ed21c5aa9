package io.streamscore.serving;

import com.google.protobuf.ByteString;
import io.streamscore.serving.oip.InferTensorContents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A tensor's elements in the protocol's gRPC form, as doubles: raw ({@code raw_input_contents} /
 * {@code raw_output_contents}: row-major, little-endian, as {@link BinaryTensors} reads them) or typed
 * ({@link InferTensorContents}: the repeated field of the datatype). Used by the gRPC client for scores and by the
 * gRPC server for features. A tensor that does not hold exactly the expected number of numeric elements, or holds an
 * integer its datatype cannot (300 as UINT8), is refused with an {@link IllegalArgumentException} that names it and
 * says what it holds.
 */
public final class TensorContents {
    private TensorContents() {}

    /** Reads {@code out.length} elements of {@code datatype} from {@code raw}. */
    public static void readRaw(String name, String datatype, ByteString raw, double[] out) {
        int elementBytes = rawElementBytes(name, datatype);
        if (raw.size() != (long) out.length * elementBytes) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + raw.size() + " bytes of raw " + datatype
                    + " data; " + out.length + " elements take " + (long) out.length * elementBytes);
        }
        BinaryTensors.read(raw.asReadOnlyByteBuffer(), Datatype.byName(datatype), out);
    }

    /** Every element of {@code raw}, read as {@code datatype}. */
    public static double[] readRaw(String name, String datatype, ByteString raw) {
        int elementBytes = rawElementBytes(name, datatype);
        if (raw.size() % elementBytes != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + raw.size() + " bytes of raw " + datatype
                    + " data, not a whole number of " + elementBytes + "-byte elements");
        }
        double[] out = new double[raw.size() / elementBytes];
        BinaryTensors.read(raw.asReadOnlyByteBuffer(), Datatype.byName(datatype), out);
        return out;
    }

    private static int rawElementBytes(String name, String datatype) {
        Datatype type = numeric(name, datatype);
        int elementBytes = BinaryTensors.elementBytes(type);
        if (elementBytes == 0) {
            throw new IllegalArgumentException("tensor '" + name + "': raw " + type + " data is not read here; send "
                    + "FP64 or FP32 (or an integer type)");
        }
        return elementBytes;
    }

    /** Reads {@code out.length} elements of {@code datatype} from the field of {@code contents} that holds it. */
    public static void readTyped(String name, String datatype, InferTensorContents contents, double[] out) {
        double[] all = readTyped(name, datatype, contents);
        if (all.length != out.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + all.length + " " + datatype
                    + " elements in its contents, not " + out.length + (all.length == 0 ? " (nor raw contents)" : ""));
        }
        System.arraycopy(all, 0, out, 0, out.length);
    }

    /** Every element in the field of {@code contents} that holds {@code datatype}. */
    public static double[] readTyped(String name, String datatype, InferTensorContents contents) {
        Datatype type = numeric(name, datatype);
        List<? extends Number> values = switch (type) {
            case FP64 -> contents.getFp64ContentsList();
            case FP32 -> contents.getFp32ContentsList();
            case INT8, INT16, INT32 -> contents.getIntContentsList();
            case INT64 -> contents.getInt64ContentsList();
            case UINT8, UINT16, UINT32 -> unsigned32(contents.getUintContentsList());
            case UINT64 -> null;
            case BOOL -> contents.getBoolContentsList().stream().map(b -> b ? 1 : 0).toList();
            default -> throw new IllegalArgumentException("tensor '" + name + "': " + type + " has no typed "
                    + "contents field; send it as raw contents");
        };
        if (values == null) {
            double[] out = new double[contents.getUint64ContentsCount()];
            ByteBuffer bits = ByteBuffer.allocate(out.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            contents.getUint64ContentsList().forEach(bits::putLong);
            BinaryTensors.read(bits.flip(), Datatype.UINT64, out);
            return out;
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).doubleValue();
            // INT8, INT16, UINT8 and UINT16 travel in 32-bit fields, which hold values the datatype does not
            if (type.isInteger() && !type.holds(values.get(i).longValue())) {
                throw new IllegalArgumentException("tensor '" + name + "': element " + i + " is " + values.get(i)
                        + ", out of the range of " + type + " (" + type.describeRange() + ")");
            }
        }
        return out;
    }

    /** {@code values} as raw FP64 contents. */
    public static ByteString rawFp64(double[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            raw.putDouble(value);
        }
        return ByteString.copyFrom(raw.flip());
    }

    private static Datatype numeric(String name, String datatype) {
        Datatype type = Datatype.byName(datatype);
        if (type == null || type == Datatype.BYTES) {
            throw new IllegalArgumentException("tensor '" + name + "': datatype '" + datatype + "' is not a numeric "
                    + "tensor datatype; use FP64 (or FP32, INT64, ..., BOOL)");
        }
        return type;
    }

    private static List<Long> unsigned32(List<Integer> values) {
        return values.stream().map(Integer::toUnsignedLong).toList();
    }
}
