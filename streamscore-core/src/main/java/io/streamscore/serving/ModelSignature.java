package io.streamscore.serving;

import java.util.List;

/**
 * What a served model takes and returns in Open Inference Protocol terms: one {@code FP64} input tensor
 * {@value #INPUT} of shape {@code [-1, width]} (a batch of rows in the model's feature order) and one {@code FP64}
 * output {@value #OUTPUT} of shape {@code [-1]} (one score per row). {@code platform} names the evaluator
 * ({@code streamscore_xgboost_json}, {@code streamscore_onnx}).
 */
public record ModelSignature(String name, int version, List<String> featureNames, String objective, String platform) {
    public static final String INPUT = "features";
    public static final String OUTPUT = "score";

    public ModelSignature {
        featureNames = List.copyOf(featureNames);
    }

    public int width() {
        return featureNames.size();
    }

    String describeInput() {
        return "one input '" + INPUT + "' of shape [rows, " + width() + "] (features " + featureNames + ")";
    }
}
