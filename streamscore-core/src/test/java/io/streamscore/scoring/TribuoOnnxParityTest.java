package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * An ONNX model made by another library, scored by ONNX Runtime through our {@link OnnxScorer}: a Tribuo logistic
 * regression trained on generated data, exported with Tribuo's own ONNX exporter, must give Tribuo's own predicted
 * probabilities on 10,000 unseen rows. Tribuo predicts in double, ORT in float, hence the 1e-6 tolerance.
 */
class TribuoOnnxParityTest {
    private static final int FEATURES = 8;
    private static final int BATCH = 64;
    private static final String[] NAMES = {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7"};

    /** Tribuo logs every 1,000 SGD steps at INFO; the reference keeps the logger configured while tests run. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    @Test
    void ortScoresOfTheExportedModelEqualTribuosPredictions() throws Exception {
        TRIBUO_LOG.setLevel(Level.WARNING);
        LinearSGDModel model = new LogisticRegressionTrainer().train(dataset(4_000, 1));
        byte[] onnx = model.exportONNXModel("io.streamscore.test", 1).toByteArray();
        List<String> order = new ArrayList<>();
        for (int id = 0; id < model.getFeatureIDMap().size(); id++) {
            order.add(model.getFeatureIDMap().get(id).getName()); // Tribuo's ONNX input follows its feature ids
        }
        String positive = model.getOutputIDInfo().getOutput(1).getLabel(); // column 1 of Tribuo's ONNX output
        MutableDataset<Label> unseen = dataset(10_000, 2);
        double[][] rows = new double[unseen.size()][];
        double[] expected = new double[unseen.size()];
        for (int r = 0; r < unseen.size(); r++) {
            Example<Label> example = unseen.getExample(r);
            rows[r] = inOrder(example, order);
            Prediction<Label> prediction = model.predict(example);
            expected[r] = prediction.getOutputScores().get(positive).getScore();
        }
        try (Scorer scorer = OnnxModel.load(onnx, order).owningScorer()) {
            double worst = 0;
            double[] out = new double[BATCH];
            double[][] batch = new double[BATCH][];
            for (int start = 0; start < rows.length; start += BATCH) {
                int count = Math.min(BATCH, rows.length - start);
                System.arraycopy(rows, start, batch, 0, count);
                scorer.scoreBatch(batch, count, out);
                for (int r = 0; r < count; r++) {
                    worst = Math.max(worst, Math.abs(out[r] - expected[start + r]));
                    worst = Math.max(worst, Math.abs(scorer.score(rows[start + r]) - expected[start + r]));
                }
            }
            assertThat(worst).isLessThanOrEqualTo(1e-6);
        }
        DoubleSummaryStatistics range = DoubleStream.of(expected).summaryStatistics();
        assertThat(range.getMax() - range.getMin()).as("the model must not be constant").isGreaterThan(0.5);
    }

    private static double[] inOrder(Example<Label> example, List<String> order) {
        double[] row = new double[order.size()];
        example.forEach(feature -> row[order.indexOf(feature.getName())] = feature.getValue());
        return row;
    }

    private static MutableDataset<Label> dataset(int rows, long seed) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("generated", factory),
                factory);
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < rows; r++) {
            double[] x = new double[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                x[f] = random.nextGaussian() * (1 + f % 3);
            }
            double logit = 1.2 * x[0] - 0.8 * x[1] + 0.3 * x[2] * x[3] / 3 - 0.5;
            boolean fraud = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            data.add(new ArrayExample<>(new Label(fraud ? "fraud" : "legit"), NAMES, x));
        }
        return data;
    }
}
