package io.streamscore.scoring;

import static io.streamscore.scoring.TinyOnnxGraphs.DOUBLE;
import static io.streamscore.scoring.TinyOnnxGraphs.FLOAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.registry.ModelFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link OnnxModel} finds the score in a graph's outputs, and what it refuses at load time. */
class OnnxModelTest {
    private static final double[][] ROWS = {{0.25, 0.75}, {0.5, Double.NaN}, {-3, 1e-3}};

    @Test
    void twoColumnProbabilitiesScoreTheSecondColumnSingleAndBatched() {
        byte[] bytes = TinyOnnxGraphs.identity(OnnxProtos.tensor("x", FLOAT, -1, 2),
                OnnxProtos.tensor("probabilities", FLOAT, -1, 2));
        try (OnnxModel model = OnnxModel.load(bytes, List.of("amount", "hour"));
                Scorer scorer = model.scorer()) {
            assertThat(scorer.featureNames()).containsExactly("amount", "hour");
            assertThat(scorer.info()).isEqualTo(new ModelInfo(ModelFormat.ONNX, "onnx", 0, 2));
            assertThat(scorer.score(ROWS[0])).isEqualTo(0.75);
            assertThat(scorer.score(ROWS[1])).isNaN();
            double[] out = new double[4];
            scorer.scoreBatch(ROWS, 3, out);
            assertThat(out).containsExactly(0.75, Double.NaN, (double) 1e-3f, 0);
            scorer.scoreBatch(ROWS, 2, out);
            assertThat(out[0]).isEqualTo(0.75);
        }
    }

    @Test
    void oneDimensionalOutputIsTheScoreAndFeatureNamesDefaultToXGBoostStyle() {
        byte[] bytes = TinyOnnxGraphs.identity(OnnxProtos.tensor("x", FLOAT, 1, 1),
                OnnxProtos.tensor("variable", FLOAT, 1, 1));
        try (Scorer scorer = OnnxModel.load(bytes, List.of()).owningScorer()) {
            assertThat(scorer.featureNames()).containsExactly("f0");
            assertThat(scorer.score(new double[] {2.5})).isEqualTo(2.5);
            double[] out = new double[2];
            scorer.scoreBatch(new double[][] {{1}, {2}}, out);
            assertThat(out).as("a [1, features] input is scored row by row").containsExactly(1, 2);
        }
    }

    @Test
    void zipMapOutputScoresTheSecondClass() {
        try (Scorer scorer = OnnxModel.load(TinyOnnxGraphs.zipMap(), List.of()).owningScorer()) {
            assertThat(scorer.score(ROWS[0])).isEqualTo(0.75);
            double[] out = new double[3];
            scorer.scoreBatch(ROWS, out);
            assertThat(out[2]).isEqualTo((double) 1e-3f);
        }
    }

    @Test
    void refusesInputsThatAreNotOneRowOfFloats() {
        assertThatThrownBy(() -> OnnxModel.load(TinyOnnxGraphs.identity(OnnxProtos.tensor("image", FLOAT, -1, 3, 4),
                OnnxProtos.tensor("y", FLOAT, -1, 3, 4)), List.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("input 'image' has shape [-1, 3, 4]")
                .hasMessageContaining("[N, features]");
        assertThatThrownBy(() -> OnnxModel.load(TinyOnnxGraphs.identity(OnnxProtos.tensor("x", DOUBLE, -1, 2),
                OnnxProtos.tensor("y", DOUBLE, -1, 2)), List.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("input 'x'").hasMessageContaining("float tensor");
    }

    @Test
    void refusesOutputsWithoutOneScorePerRow() {
        assertThatThrownBy(() -> OnnxModel.load(TinyOnnxGraphs.castToInt64(2), List.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("unsupported ONNX outputs [y: INT64 tensor [-1, 2]]");
        assertThatThrownBy(() -> OnnxModel.load(TinyOnnxGraphs.identity(OnnxProtos.tensor("x", FLOAT, -1, 3),
                OnnxProtos.tensor("probabilities", FLOAT, -1, 3)), List.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'probabilities' has 3 columns (a multi-class model)");
    }

    @Test
    void refusesFeatureNamesThatDoNotMatchTheInputAndBytesThatAreNoModel() {
        byte[] bytes = TinyOnnxGraphs.identity(OnnxProtos.tensor("x", FLOAT, -1, 2),
                OnnxProtos.tensor("y", FLOAT, -1, 2));
        assertThatThrownBy(() -> OnnxModel.load(bytes, List.of("only_one")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("input has 2 features but 1 feature names were given");
        assertThatThrownBy(() -> OnnxModel.load("not a model".getBytes(), List.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("ONNX Runtime cannot load the model");
    }
}
