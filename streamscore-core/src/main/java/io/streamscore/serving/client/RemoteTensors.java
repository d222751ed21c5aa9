package io.streamscore.serving.client;

import io.streamscore.serving.Datatype;
import io.streamscore.serving.ModelSignature;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * The tensors a remote model takes and gives ({@code model.remote.input}, {@code datatype}, {@code output},
 * {@code output_column}), so a model served by Triton or KServe under its own names can score the pipeline's rows:
 * an ONNX model converted from scikit-learn takes {@code float_input} as FP32 and gives {@code probabilities} of shape
 * {@code [rows, 2]}, whose column 1 is the positive class's. The defaults are what {@code streamscore serve} speaks:
 * {@code features} as FP64, and the first output, one value per row.
 *
 * @param input        the input tensor's name
 * @param datatype     the input's datatype: FP64, or FP32 for models that take floats (values are rounded to float)
 * @param output       the output that holds the score, by name; null for the first output the server returns
 * @param outputColumn for an output with several values per row, the one that is the score; null for one per row
 */
public record RemoteTensors(String input, Datatype datatype, String output, Integer outputColumn)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final RemoteTensors DEFAULT = new RemoteTensors(ModelSignature.INPUT, Datatype.FP64, null, null);

    public RemoteTensors {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(datatype, "datatype");
        if (input.isBlank()) {
            throw new IllegalArgumentException("model.remote.input: the input tensor's name must not be empty");
        }
        if (datatype != Datatype.FP64 && datatype != Datatype.FP32) {
            throw new IllegalArgumentException("model.remote.datatype: " + datatype + " is not sent here; use FP64 "
                    + "or FP32");
        }
        if (outputColumn != null && outputColumn < 0) {
            throw new IllegalArgumentException("model.remote.output_column: " + outputColumn + " must be 0 or more");
        }
    }

    /** Bytes per element of the input as raw data. */
    public int elementBytes() {
        return datatype == Datatype.FP32 ? Float.BYTES : Double.BYTES;
    }

    /** {@code rows[0 .. count)} as the input's raw data: row-major, little-endian, {@link #datatype}. */
    public ByteBuffer raw(double[][] rows, int count, int width) {
        return write(ByteBuffer.allocate(count * width * elementBytes()), rows, count, width).flip();
    }

    /** A binary request body in one array: {@code header} (JSON), then the rows' raw data. */
    public byte[] body(byte[] header, double[][] rows, int count, int width) {
        ByteBuffer body = ByteBuffer.allocate(header.length + count * width * elementBytes()).put(header);
        return write(body, rows, count, width).array();
    }

    private ByteBuffer write(ByteBuffer out, double[][] rows, int count, int width) {
        out.order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < width; c++) {
                if (datatype == Datatype.FP32) {
                    out.putFloat((float) rows[r][c]);
                } else {
                    out.putDouble(rows[r][c]);
                }
            }
        }
        return out;
    }

    /**
     * The score of each of {@code count} rows from the elements of output {@code name}: the elements themselves when
     * there is one per row, else column {@link #outputColumn} of each row.
     *
     * @param shape the output's shape as the server gave it (empty when it gave none); a shape of two or more
     *              dimensions names its rows first, and those must be the {@code count} rows asked
     * @throws IllegalArgumentException when the server answered for other rows than asked, the elements are not a
     *                                  whole number per row, or several per row and no (or no such) column was chosen
     */
    public double[] perRow(String name, List<Long> shape, double[] values, int count) {
        // [2, 2] for 4 rows would otherwise pass as 1 value per row, and column 0 would score 4 rows with 2 rows' data.
        if (shape.size() >= 2 && shape.get(0) >= 0 && shape.get(0) != count) {
            throw new IllegalArgumentException("output '" + name + "' has shape " + shape + ": the server answered "
                    + "for " + shape.get(0) + " rows, not the " + count + " asked");
        }
        if (count == 0 || values.length % count != 0) {
            throw new IllegalArgumentException("output '" + name + "' has " + values.length + " values for " + count
                    + " rows");
        }
        int perRow = values.length / count;
        if (outputColumn == null) {
            if (perRow != 1) {
                throw new IllegalArgumentException("output '" + name + "' has " + perRow + " values per row; set "
                        + "model.remote.output_column to the one that is the score (e.g. 1, the positive class's "
                        + "probability of a binary classifier)");
            }
            return values;
        }
        if (outputColumn >= perRow) {
            throw new IllegalArgumentException("output '" + name + "' has " + perRow + " value(s) per row; "
                    + "model.remote.output_column " + outputColumn + " is not one of them (0.." + (perRow - 1) + ")");
        }
        double[] scores = new double[count];
        for (int r = 0; r < count; r++) {
            scores[r] = values[r * perRow + outputColumn];
        }
        return scores;
    }
}
