package io.streamscore.scoring;

/**
 * Scores feature vectors with one model. A row is the model's features in {@link #featureNames()} order; {@code NaN}
 * means missing. A scorer allocates nothing per row, so a stream operator can call it for every event; to do so it
 * may keep scratch buffers, which is why one instance serves one thread at a time (an operator subtask owns its
 * scorer; the loaded model behind several scorers is shared).
 *
 * <p>The batch call takes {@code double[][]} rather than one flat {@code float[]}: rows come from events, whose
 * values already sit in a {@code double[]} each, so a flat float buffer would cost the caller a copy per row, while
 * narrowing a value to float where a split reads it costs one instruction. Models are free to walk a batch in the
 * order that suits them (tree ensembles walk tree by tree, so each tree stays in cache for the whole batch).
 */
public interface Scorer extends AutoCloseable {

    /** The model's features, in the order rows must follow. A fresh copy on each call. */
    String[] featureNames();

    /** What the model is: format, objective, size. */
    ModelInfo info();

    /**
     * The model's output for one row, after the objective's transformation (a probability for logistic objectives).
     *
     * @throws IllegalArgumentException if the row has fewer values than the model has features
     */
    double score(double[] row);

    /**
     * Scores {@code rows[0 .. count)} into {@code out[0 .. count)}; each output equals {@link #score} of its row
     * exactly.
     * Rows beyond {@code count} are neither read nor written, so callers can reuse half-filled buffers.
     *
     * @throws IllegalArgumentException if {@code count} exceeds either array or a row is too short
     */
    void scoreBatch(double[][] rows, int count, double[] out);

    /** Scores every row of {@code rows} into {@code out}. */
    default void scoreBatch(double[][] rows, double[] out) {
        scoreBatch(rows, rows.length, out);
    }

    /** Releases native resources, if the implementation holds any; scoring after close is undefined. */
    @Override
    void close();
}
