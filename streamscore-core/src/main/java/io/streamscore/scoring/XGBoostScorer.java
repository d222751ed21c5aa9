package io.streamscore.scoring;

/**
 * {@link Scorer} over an {@link XGBoostJsonModel}: tree walk, then the objective's transformation. Stateless, so it
 * is thread-safe and allocates nothing per row; the batch call reuses {@code out} for the float margins.
 */
final class XGBoostScorer implements Scorer {
    private final XGBoostJsonModel model;
    private final TreeEnsemble ensemble;
    private final XGBoostObjective objective;
    private final ModelInfo info;

    XGBoostScorer(XGBoostJsonModel model) {
        this.model = model;
        this.ensemble = model.ensemble();
        this.objective = model.objective();
        this.info = model.info();
    }

    @Override
    public String[] featureNames() {
        return model.featureNames();
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public double score(double[] row) {
        return objective.transform(ensemble.margin(row));
    }

    @Override
    public void scoreBatch(double[][] rows, int count, double[] out) {
        ensemble.margins(rows, count, out);
        for (int r = 0; r < count; r++) {
            out[r] = objective.transform((float) out[r]);
        }
    }

    @Override
    public void close() {
        // Nothing native to release: the model is plain Java arrays.
    }
}
