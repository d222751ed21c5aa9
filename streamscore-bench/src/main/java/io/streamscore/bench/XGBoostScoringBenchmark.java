package io.streamscore.bench;

import io.streamscore.scoring.OnnxModel;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.scoring.XGBoostToOnnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our XGBoost JSON evaluator against xgboost4j 3.0.4 and ONNX Runtime 1.28 on the same binary:logistic model
 * (depth 6, 12 features, 10% missing values; ORT gets it converted by {@link XGBoostToOnnx}, scored through our
 * {@code OnnxScorer}: one session, one intra-op thread, direct buffers), one thread each. Reports ns per row:
 * single-row calls as an event-at-a-time operator makes them (xgboost4j builds a one-row DMatrix each time, or uses
 * {@code inplace_predict}), and batches of {@value #BATCH} rows (xgboost4j builds the batch's DMatrix, as a
 * micro-batching operator would). Rows cycle through {@value #ROWS} unseen rows so that branch predictors cannot learn
 * one path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class XGBoostScoringBenchmark {
    private static final int FEATURES = 12;
    private static final int ROWS = 4096;
    private static final int BATCH = 64;

    @Param({"100", "300"})
    public int trees;

    private Booster booster;
    private Scorer scorer;
    private Scorer onnx;
    private double[][] rows;
    private float[][] floatRows;
    private float[][] floatBatches;
    private final double[] out = new double[BATCH];
    private final double[][] batch = new double[BATCH][];
    private int next;

    @Setup(Level.Trial)
    public void train() throws Exception {
        booster = trainReference(randomRows(20_000, 1), trees);
        Path file = Files.createTempFile("xgboost-bench", ".json");
        Path onnxFile = Files.createTempFile("xgboost-bench", ".onnx");
        try {
            booster.saveModel(file.toString());
            scorer = XGBoostJsonModel.load(file).scorer();
            XGBoostToOnnx.convert(file, onnxFile);
            onnx = OnnxModel.load(onnxFile).owningScorer();
        } finally {
            Files.delete(file);
            Files.delete(onnxFile);
        }
        rows = randomRows(ROWS, 2);
        floatRows = new float[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            floatRows[r] = toFloats(rows, r, 1);
        }
        floatBatches = new float[ROWS / BATCH][];
        for (int b = 0; b < floatBatches.length; b++) {
            floatBatches[b] = toFloats(rows, b * BATCH, BATCH);
        }
    }

    @TearDown(Level.Trial)
    public void dispose() {
        booster.dispose();
        scorer.close();
        onnx.close();
    }

    @Benchmark
    public double oursSingleRow() {
        return scorer.score(rows[nextRow()]);
    }

    @Benchmark
    public double onnxRuntimeSingleRow() {
        return onnx.score(rows[nextRow()]);
    }

    @Benchmark
    public float xgboost4jSingleRow() throws XGBoostError {
        DMatrix matrix = new DMatrix(floatRows[nextRow()], 1, FEATURES, Float.NaN);
        try {
            return booster.predict(matrix)[0][0];
        } finally {
            matrix.dispose();
        }
    }

    @Benchmark
    public float xgboost4jInplaceSingleRow() throws XGBoostError {
        return booster.inplace_predict(floatRows[nextRow()], 1, FEATURES, Float.NaN)[0][0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] oursBatch() {
        return scoreNextBatch(scorer);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] onnxRuntimeBatch() {
        return scoreNextBatch(onnx);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] xgboost4jBatch() throws XGBoostError {
        DMatrix matrix = new DMatrix(floatBatches[nextBatch()], BATCH, FEATURES, Float.NaN);
        try {
            return booster.predict(matrix);
        } finally {
            matrix.dispose();
        }
    }

    private double[] scoreNextBatch(Scorer batchScorer) {
        System.arraycopy(rows, nextBatch() * BATCH, batch, 0, BATCH);
        batchScorer.scoreBatch(batch, BATCH, out);
        return out;
    }

    private int nextRow() {
        next = (next + 1) & (ROWS - 1);
        return next;
    }

    private int nextBatch() {
        next = (next + 1) % (ROWS / BATCH);
        return next;
    }

    private static Booster trainReference(double[][] data, int rounds) throws XGBoostError {
        DMatrix train = new DMatrix(toFloats(data, 0, data.length), data.length, FEATURES, Float.NaN);
        try {
            float[] labels = new float[data.length];
            SplittableRandom coin = new SplittableRandom(3);
            for (int r = 0; r < data.length; r++) {
                double[] x = data[r];
                double logit = Math.sin(known(x[0])) + known(x[1]) * known(x[2]) * 0.3
                        + (known(x[3]) > 0.5 ? 1 : -1) + known(x[4]) * 0.2 - 0.3;
                labels[r] = coin.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            }
            train.setLabel(labels);
            Map<String, Object> params = Map.of("objective", "binary:logistic", "max_depth", 6, "eta", 0.1,
                    "nthread", 1, "tree_method", "hist", "verbosity", 0);
            return XGBoost.train(train, params, rounds, Map.of(), null, null);
        } finally {
            train.dispose();
        }
    }

    /** A missing value contributes nothing to the label's logit. */
    private static double known(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** Gaussian features, 10% missing. */
    private static double[][] randomRows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] result = new double[count][FEATURES];
        for (double[] row : result) {
            for (int f = 0; f < FEATURES; f++) {
                row[f] = random.nextDouble() < 0.1 ? Double.NaN : random.nextGaussian();
            }
        }
        return result;
    }

    private static float[] toFloats(double[][] data, int from, int count) {
        float[] flat = new float[count * FEATURES];
        for (int r = 0; r < count; r++) {
            for (int f = 0; f < FEATURES; f++) {
                flat[r * FEATURES + f] = (float) data[from + r][f];
            }
        }
        return flat;
    }
}
