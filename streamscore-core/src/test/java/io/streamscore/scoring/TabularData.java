package io.streamscore.scoring;

import java.util.SplittableRandom;

/**
 * Seeded tabular data for training reference models: {@value #FEATURES} features, about 10% of values missing
 * (NaN), three integer-valued features so that rows hit split thresholds exactly, and a nonlinear target with
 * interactions. {@link #signal} is the noiseless target; labels per objective are derived from it.
 */
final class TabularData {
    static final int FEATURES = 12;
    private static final double MISSING_RATE = 0.1;
    /** What the parity tests train their reference models on, and the unseen rows they compare predictions on. */
    static final TabularData TRAINING = generate(4_000, 1);
    static final TabularData UNSEEN = generate(10_000, 2);

    final int rows;
    final double[][] values;
    final double[] signal;

    private TabularData(int rows, double[][] values, double[] signal) {
        this.rows = rows;
        this.values = values;
        this.signal = signal;
    }

    static TabularData generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] values = new double[rows][FEATURES];
        double[] signal = new double[rows];
        for (int r = 0; r < rows; r++) {
            double[] row = values[r];
            for (int f = 0; f < FEATURES; f++) {
                row[f] = f < 3 ? random.nextInt(10) : random.nextGaussian() * (1 + f % 4);
            }
            signal[r] = target(row);
            for (int f = 0; f < FEATURES; f++) {
                if (random.nextDouble() < MISSING_RATE) {
                    row[f] = Double.NaN;
                }
            }
        }
        return new TabularData(rows, values, signal);
    }

    private static double target(double[] x) {
        return Math.sin(x[3]) * 1.5 + (x[0] > 4 ? x[4] * 0.5 : -x[5] * 0.3) + 0.2 * x[1] * x[6] / 4
                + Math.abs(x[7]) * 0.25 - 0.1 * x[2] + (x[8] * x[9] > 0 ? 0.6 : -0.6) - 0.5;
    }

    /** Row-major float copy, NaN kept, as XGBoost's dense DMatrix takes it. */
    float[] flat() {
        float[] flat = new float[rows * FEATURES];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < FEATURES; f++) {
                flat[r * FEATURES + f] = (float) values[r][f];
            }
        }
        return flat;
    }
}
