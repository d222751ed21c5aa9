package io.streamscore.scoring;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which output of an ONNX graph carries the score, and where in it. Tree-ensemble and linear classifiers give a
 * float tensor of class probabilities {@code [N, 2]} (the score is column 1, the second class) or, behind a ZipMap,
 * a sequence of maps class -> probability (the score is the second class in sorted key order, 1 for 0/1 labels);
 * regressors give a float tensor {@code [N]} or {@code [N, 1]}. Integer label outputs are ignored.
 *
 * @param name the output's name in the graph
 * @param zipMap whether it is a sequence of maps rather than a tensor
 * @param width values per row in a tensor output (1 or 2); 0 for a ZipMap
 * @param column which of them is the score
 * @param rank the tensor's rank (1 or 2), so a pinned output tensor can be shaped like it
 */
record OnnxOutput(String name, boolean zipMap, int width, int column, int rank) {

    /**
     * Picks the scoring output among {@code outputs}.
     *
     * @throws ModelLoadException naming every output and its type if none, or more than one, can be the score
     */
    static OnnxOutput choose(Map<String, NodeInfo> outputs) {
        List<OnnxOutput> tensors = new ArrayList<>();
        List<OnnxOutput> maps = new ArrayList<>();
        for (NodeInfo node : outputs.values()) {
            ValueInfo info = node.getInfo();
            if (info instanceof TensorInfo tensor && tensor.type == OnnxJavaType.FLOAT) {
                tensors.add(ofTensor(node.getName(), tensor));
            } else if (info instanceof SequenceInfo sequence && sequence.isSequenceOfMaps()
                    && sequence.mapInfo.valueType == OnnxJavaType.FLOAT) {
                maps.add(new OnnxOutput(node.getName(), true, 0, 0, 0));
            }
        }
        if (tensors.size() > 1) {
            return preferProbabilities(tensors, outputs);
        }
        if (tensors.size() == 1) {
            return tensors.get(0);
        }
        if (maps.size() == 1) {
            return maps.get(0);
        }
        throw new ModelLoadException("unsupported ONNX outputs " + describe(outputs) + ": a Scorer needs exactly one "
                + "score output, a float tensor [N], [N, 1] or [N, 2] (class probabilities) or a sequence of maps "
                + "class -> float probability (ZipMap)");
    }

    private static OnnxOutput ofTensor(String name, TensorInfo tensor) {
        long[] shape = tensor.getShape();
        if (shape.length == 1) {
            return new OnnxOutput(name, false, 1, 0, 1);
        }
        if (shape.length == 2 && (shape[1] == 1 || shape[1] == 2)) {
            int width = (int) shape[1];
            return new OnnxOutput(name, false, width, width - 1, 2);
        }
        if (shape.length == 2 && shape[1] > 2) {
            throw new ModelLoadException("output '" + name + "' has " + shape[1] + " columns (a multi-class model): "
                    + "a Scorer returns one score per row, so only binary classifiers and regressors are supported");
        }
        throw new ModelLoadException("output '" + name + "' has shape " + Arrays.toString(shape) + ": a Scorer "
                + "needs [N], [N, 1] or [N, 2] with a fixed column count");
    }

    private static OnnxOutput preferProbabilities(List<OnnxOutput> tensors, Map<String, NodeInfo> outputs) {
        List<OnnxOutput> named = tensors.stream()
                .filter(output -> output.name.toLowerCase(Locale.ROOT).contains("prob")).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new ModelLoadException("ONNX outputs " + describe(outputs) + " hold several float tensors and none is "
                + "the only one named like 'probabilities', so which one is the score is ambiguous");
    }

    private static String describe(Map<String, NodeInfo> outputs) {
        return outputs.values().stream().map(node -> node.getName() + ": " + typeOf(node.getInfo()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String typeOf(ValueInfo info) {
        if (info instanceof TensorInfo tensor) {
            return tensor.type + " tensor " + Arrays.toString(tensor.getShape());
        }
        if (info instanceof SequenceInfo sequence) {
            MapInfo map = sequence.mapInfo;
            return sequence.isSequenceOfMaps() ? "sequence of map(" + map.keyType + ", " + map.valueType + ")"
                    : "sequence of " + sequence.sequenceType;
        }
        return String.valueOf(info);
    }
}
