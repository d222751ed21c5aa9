package io.streamscore.scoring;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Converts an XGBoost JSON model into an ONNX graph of one {@code ai.onnx.ml} tree-ensemble node, so ONNX Runtime
 * scores the very same trees ({@code streamscore models register} takes either file, and the benchmark compares the
 * two runtimes on identical models).
 *
 * <ul>
 *   <li>{@code binary:logistic}: {@code TreeEnsembleClassifier}, classes 0 and 1, {@code LOGISTIC} post-transform;
 *       outputs {@code label} and {@code probabilities} {@code [N, 2]} (the score is column 1).
 *   <li>{@code reg:squarederror}, {@code binary:logitraw}: {@code TreeEnsembleRegressor}, output {@code variable}
 *       {@code [N, 1]}; {@code reg:logistic} adds a {@code Sigmoid} node (ORT's regressor ignores a
 *       {@code LOGISTIC} post-transform: the parity test caught raw margins).
 * </ul>
 * Each split becomes {@code BRANCH_LT} (left when {@code x < threshold}, as XGBoost) with missing values following the
 * split's default child ({@code nodes_missing_value_tracks_true}); thresholds and leaves are the same floats. The base
 * margin is a one-leaf tree placed first rather than {@code base_values}, because ORT adds base values after the
 * trees, while XGBoost starts from the base margin: with the leaf first, ORT's float sum runs in XGBoost's order and
 * margins come out bit-identical. Unreachable (pruned) nodes are left out. Feature names, objective and tree count go
 * into the model's metadata for {@link OnnxModel}.
 */
public final class XGBoostToOnnx {
    static final String INPUT = "input";
    private static final int OPSET = 13;
    private static final int ML_OPSET = 3;

    private XGBoostToOnnx() {
    }

    /** Reads {@code json} and writes the ONNX model to {@code onnx}. */
    public static void convert(Path json, Path onnx) {
        try (InputStream in = Files.newInputStream(json)) {
            Files.write(onnx, convert(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot convert " + json + " to " + onnx, e);
        }
    }

    /**
     * The serialized ONNX model for the XGBoost JSON model in {@code json} (not closed).
     *
     * @throws ModelLoadException for every model {@link XGBoostJsonModel#load} refuses, for the same reasons
     */
    public static byte[] convert(InputStream json) throws IOException {
        XGBoostJsonReader.Parsed model = XGBoostJsonReader.parse(json);
        TreeEnsemble.of(model.trees(), model.baseMargin(), model.featureCount()); // refuses corrupt trees
        boolean classifier = model.objective() == XGBoostObjective.BINARY_LOGISTIC;
        Nodes nodes = new Nodes();
        nodes.addLeafTree(model.baseMargin());
        for (XGBoostTree tree : model.trees()) {
            nodes.addTree(tree);
        }
        boolean sigmoid = model.objective() == XGBoostObjective.REG_LOGISTIC;
        NodeProto ensemble = classifier ? classifier(nodes) : regressor(nodes, sigmoid ? "margin" : "variable");
        GraphProto.Builder graph = GraphProto.newBuilder().setName("xgboost").addNode(ensemble)
                .addInput(OnnxProtos.tensor(INPUT, DataType.FLOAT_VALUE, -1, model.featureCount()));
        if (sigmoid) {
            graph.addNode(NodeProto.newBuilder().setOpType("Sigmoid").setName("sigmoid").addInput("margin")
                    .addOutput("variable"));
        }
        if (classifier) {
            graph.addOutput(OnnxProtos.tensor("label", DataType.INT64_VALUE, -1))
                    .addOutput(OnnxProtos.tensor("probabilities", DataType.FLOAT_VALUE, -1, 2));
        } else {
            graph.addOutput(OnnxProtos.tensor("variable", DataType.FLOAT_VALUE, -1, 1));
        }
        Map<String, String> metadata = Map.of(OnnxModel.FEATURE_NAMES_KEY, String.join(",", model.featureNames()),
                OnnxModel.OBJECTIVE_KEY, model.objective().xgboostName(),
                OnnxModel.TREES_KEY, Integer.toString(model.trees().size()));
        return OnnxProtos.model(graph.build(), OPSET, ML_OPSET, metadata).toByteArray();
    }

    private static NodeProto classifier(Nodes nodes) {
        NodeProto.Builder node = ensembleNode("TreeEnsembleClassifier", nodes)
                .addOutput("label").addOutput("probabilities")
                .addAttribute(OnnxProtos.ints("classlabels_int64s", List.of(0L, 1L)))
                .addAttribute(OnnxProtos.string("post_transform", "LOGISTIC"));
        nodes.addLeaves(node, "class_");
        return node.build();
    }

    private static NodeProto regressor(Nodes nodes, String output) {
        NodeProto.Builder node = ensembleNode("TreeEnsembleRegressor", nodes).addOutput(output)
                .addAttribute(OnnxProtos.string("post_transform", "NONE"))
                .addAttribute(OnnxProtos.string("aggregate_function", "SUM"))
                .addAttribute(AttributeProto.newBuilder().setName("n_targets")
                        .setType(AttributeProto.AttributeType.INT).setI(1));
        nodes.addLeaves(node, "target_");
        return node.build();
    }

    private static NodeProto.Builder ensembleNode(String op, Nodes nodes) {
        return NodeProto.newBuilder().setOpType(op).setDomain(OnnxProtos.ML_DOMAIN).setName("trees").addInput(INPUT)
                .addAttribute(OnnxProtos.ints("nodes_treeids", nodes.treeIds))
                .addAttribute(OnnxProtos.ints("nodes_nodeids", nodes.nodeIds))
                .addAttribute(OnnxProtos.ints("nodes_featureids", nodes.featureIds))
                .addAttribute(OnnxProtos.floats("nodes_values", nodes.values))
                .addAttribute(OnnxProtos.strings("nodes_modes", nodes.modes))
                .addAttribute(OnnxProtos.ints("nodes_truenodeids", nodes.trueIds))
                .addAttribute(OnnxProtos.ints("nodes_falsenodeids", nodes.falseIds))
                .addAttribute(OnnxProtos.ints("nodes_missing_value_tracks_true", nodes.missingTrue));
    }

    /** The ensemble's node and leaf attribute lists, filled tree by tree. */
    private static final class Nodes {
        final List<Long> treeIds = new ArrayList<>();
        final List<Long> nodeIds = new ArrayList<>();
        final List<Long> featureIds = new ArrayList<>();
        final List<Float> values = new ArrayList<>();
        final List<String> modes = new ArrayList<>();
        final List<Long> trueIds = new ArrayList<>();
        final List<Long> falseIds = new ArrayList<>();
        final List<Long> missingTrue = new ArrayList<>();
        final List<Long> leafTreeIds = new ArrayList<>();
        final List<Long> leafNodeIds = new ArrayList<>();
        final List<Float> leafWeights = new ArrayList<>();
        private long tree;

        void addLeafTree(float value) {
            leaf(0, value);
            tree++;
        }

        /** Reachable nodes only, breadth first from the root, under their XGBoost node ids. */
        void addTree(XGBoostTree xgb) {
            Deque<Integer> pending = new ArrayDeque<>(List.of(0));
            while (!pending.isEmpty()) {
                int id = pending.poll();
                if (xgb.isLeaf(id)) {
                    leaf(id, xgb.splitConditions()[id]);
                    continue;
                }
                int left = xgb.leftChildren()[id];
                int right = xgb.rightChildren()[id];
                node(id, xgb.splitIndices()[id], xgb.splitConditions()[id], "BRANCH_LT", left, right);
                missingTrue.add(xgb.defaultLeft()[id] ? 1L : 0L);
                pending.add(left);
                pending.add(right);
            }
            tree++;
        }

        private void leaf(int id, float weight) {
            node(id, 0, 0f, "LEAF", 0, 0);
            missingTrue.add(0L);
            leafTreeIds.add(tree);
            leafNodeIds.add((long) id);
            leafWeights.add(weight);
        }

        private void node(int id, int feature, float value, String mode, int whenTrue, int whenFalse) {
            treeIds.add(tree);
            nodeIds.add((long) id);
            featureIds.add((long) feature);
            values.add(value);
            modes.add(mode);
            trueIds.add((long) whenTrue);
            falseIds.add((long) whenFalse);
        }

        /** Leaf weights under {@code prefix} ({@code class_} or {@code target_}), all for output 0. */
        void addLeaves(NodeProto.Builder node, String prefix) {
            node.addAttribute(OnnxProtos.ints(prefix + "treeids", leafTreeIds))
                    .addAttribute(OnnxProtos.ints(prefix + "nodeids", leafNodeIds))
                    .addAttribute(OnnxProtos.ints(prefix + "ids", leafTreeIds.stream().map(t -> 0L).toList()))
                    .addAttribute(OnnxProtos.floats(prefix + "weights", leafWeights));
        }
    }
}
