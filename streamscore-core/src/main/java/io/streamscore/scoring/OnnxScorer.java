package io.streamscore.scoring;

import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link Scorer} over an {@link OnnxModel}'s shared session. Rows are written as floats (NaN stays NaN, which tree
 * ensembles route as missing) into direct buffers this scorer owns; ORT reads them in place, and a tensor score output
 * is written by ORT into a pinned direct buffer, so a call copies no arrays through the JNI boundary. The single-row
 * tensors are made once; the batch tensors are made again only when the batch size changes.
 */
final class OnnxScorer implements Scorer {
    private final OnnxModel model;
    private final boolean ownsModel;
    private final OrtSession session;
    private final OnnxOutput output;
    private final int width;
    /** Outputs ORT returns in a new value; a tensor score output is pinned instead (ORT counts both). */
    private final Set<String> requested;
    private final Batch single;
    private Batch batch;

    OnnxScorer(OnnxModel model, boolean ownsModel) {
        this.model = model;
        this.ownsModel = ownsModel;
        this.session = model.session();
        this.output = model.output();
        this.width = model.info().features();
        this.requested = output.zipMap() ? Set.of(output.name()) : Set.of(); // a pinned output is requested
        this.single = new Batch(1);
    }

    @Override
    public String[] featureNames() {
        return model.featureNames();
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public double score(double[] row) {
        single.write(0, row);
        return single.run()[0];
    }

    @Override
    public void scoreBatch(double[][] rows, int count, double[] out) {
        if (count < 0 || count > rows.length || count > out.length) {
            throw new IllegalArgumentException("count " + count + " is negative or exceeds rows (" + rows.length
                    + ") or out (" + out.length + ")");
        }
        if (count == 0) {
            return;
        }
        if (!model.batchable()) {
            for (int r = 0; r < count; r++) {
                out[r] = score(rows[r]);
            }
            return;
        }
        if (batch == null || batch.rows != count) {
            if (batch != null) {
                batch.close();
            }
            batch = new Batch(count);
        }
        for (int r = 0; r < count; r++) {
            batch.write(r, rows[r]);
        }
        System.arraycopy(batch.run(), 0, out, 0, count);
    }

    @Override
    public void close() {
        single.close();
        if (batch != null) {
            batch.close();
        }
        if (ownsModel) {
            model.close();
        }
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Input and output tensors for a fixed number of rows over direct buffers, reused call after call. */
    private final class Batch {
        final int rows;
        final FloatBuffer in;
        final OnnxTensor inTensor;
        final Map<String, OnnxTensor> inputs;
        final FloatBuffer out;
        final Map<String, OnnxValue> pinned;
        final double[] scores;

        Batch(int rows) {
            this.rows = rows;
            this.in = directFloats(rows * width);
            this.scores = new double[rows];
            try {
                this.inTensor = OnnxTensor.createTensor(OnnxModel.environment(), in, new long[] {rows, width});
                this.inputs = Map.of(model.inputName(), inTensor);
                if (output.zipMap()) {
                    this.out = null;
                    this.pinned = Map.of();
                } else {
                    this.out = directFloats(rows * output.width());
                    long[] shape = output.rank() == 1 ? new long[] {rows} : new long[] {rows, output.width()};
                    this.pinned = Map.of(output.name(), OnnxTensor.createTensor(OnnxModel.environment(), out, shape));
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot create tensors for " + rows + " rows", e);
            }
        }

        void write(int r, double[] row) {
            if (row.length < width) {
                throw new IllegalArgumentException("row has " + row.length + " values, the model needs " + width);
            }
            int base = r * width;
            for (int f = 0; f < width; f++) {
                in.put(base + f, (float) row[f]);
            }
        }

        double[] run() {
            try (OrtSession.Result result = session.run(inputs, requested, pinned)) {
                if (output.zipMap()) {
                    readZipMap((OnnxSequence) result.get(0));
                } else {
                    for (int r = 0; r < rows; r++) {
                        scores[r] = out.get(r * output.width() + output.column());
                    }
                }
                return scores;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed to score " + rows + " rows: " + e.getMessage(),
                        e);
            }
        }

        /** One map per row, class -> probability; the score is the second class in sorted key order. */
        private void readZipMap(OnnxSequence sequence) throws OrtException {
            List<? extends OnnxValue> maps = sequence.getValue();
            for (int r = 0; r < rows; r++) {
                @SuppressWarnings("unchecked")
                TreeMap<Object, Object> byClass = new TreeMap<>((Map<Object, Object>) maps.get(r).getValue());
                Object positive = byClass.size() > 1 ? byClass.keySet().toArray()[1] : byClass.firstKey();
                scores[r] = ((Number) byClass.get(positive)).doubleValue();
            }
        }

        void close() {
            inTensor.close();
            pinned.values().forEach(OnnxValue::close);
        }
    }
}
