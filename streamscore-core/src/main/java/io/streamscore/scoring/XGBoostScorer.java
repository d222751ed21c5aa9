package io.streamscore.scoring;

/**
 * {@link Scorer} over an {@link XGBoostJsonModel}: rows encoded into a buffer this scorer owns, tree walk, then the
 * objective's transformation. Confined to one thread because of that buffer (it grows to the largest batch seen and
 * is then reused, so nothing is allocated per row); the model behind it is shared.
 */
final class XGBoostScorer implements Scorer {
    private final XGBoostJsonModel model;
    private final TreeEnsemble ensemble;
    private final XGBoostObjective objective;
    private final ModelInfo info;
    private float[] encoded;

    XGBoostScorer(XGBoostJsonModel model) {
        this.model = model;
        this.ensemble = model.ensemble();
        this.objective = model.objective();
        this.info = model.info();
        this.encoded = new float[ensemble.encodedWidth()];
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
        ensemble.encode(row, encoded, 0);
        return objective.transform(ensemble.margin(encoded, 0));
    }

    @Override
    public void scoreBatch(double[][] rows, int count, double[] out) {
        if (count < 0 || count > rows.length || count > out.length) {
            throw new IllegalArgumentException("count " + count + " is negative or exceeds rows (" + rows.length
                    + ") or out (" + out.length + ")");
        }
        int width = ensemble.encodedWidth();
        if (encoded.length < count * width) {
            encoded = new float[count * width];
        }
        for (int r = 0; r < count; r++) {
            ensemble.encode(rows[r], encoded, r * width);
        }
        ensemble.margins(encoded, count, out);
        for (int r = 0; r < count; r++) {
            out[r] = objective.transform((float) out[r]);
        }
    }

    @Override
    public void close() {
        // Nothing native to release: the model is plain Java arrays.
    }
}
