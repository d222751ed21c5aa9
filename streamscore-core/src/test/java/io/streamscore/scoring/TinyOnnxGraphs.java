package io.streamscore.scoring;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;
import java.util.Map;

/**
 * One-node ONNX graphs for testing how {@link OnnxModel} reads inputs and outputs, independent of any trainer; public
 * for the serving tests, which need a real model that fails at run time.
 */
public final class TinyOnnxGraphs {
    static final int FLOAT = DataType.FLOAT_VALUE;
    static final int DOUBLE = DataType.DOUBLE_VALUE;
    static final int INT64 = DataType.INT64_VALUE;

    private TinyOnnxGraphs() {
    }

    /** {@code y = x}: the output is the input, so the score is a known column of the row. */
    static byte[] identity(ValueInfoProto input, ValueInfoProto output) {
        return graph("Identity", "", input, output, List.of());
    }

    /** {@code y = (int64) x}: an output no Scorer can read a score from. */
    static byte[] castToInt64(long features) {
        AttributeProto to = AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                .setI(INT64).build();
        return graph("Cast", "", OnnxProtos.tensor("x", FLOAT, -1, features),
                OnnxProtos.tensor("y", INT64, -1, features), List.of(to));
    }

    /** ZipMap over two columns: a sequence of maps {0: x[0], 1: x[1]} per row, as classifier exporters emit. */
    static byte[] zipMap() {
        TypeProto floatTensor = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT)).build();
        TypeProto map = TypeProto.newBuilder()
                .setMapType(TypeProto.Map.newBuilder().setKeyType(INT64).setValueType(floatTensor)).build();
        ValueInfoProto output = ValueInfoProto.newBuilder().setName("y")
                .setType(TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder().setElemType(map)))
                .build();
        return graph("ZipMap", OnnxProtos.ML_DOMAIN, OnnxProtos.tensor("x", FLOAT, -1, 2), output,
                List.of(OnnxProtos.ints("classlabels_int64s", List.of(0L, 1L))));
    }

    /**
     * A model that declares {@code [N, 2]} in and {@code [N, 2]} out (score: the second feature) but reshapes its
     * input to {@code [1, 2]}: it loads and scores one row, as a self-check does, and fails in ONNX Runtime at run
     * time for a batch of more rows, as a graph exported with a batch size fixed inside it does.
     */
    public static byte[] oneRowOnly() {
        TensorProto shape = TensorProto.newBuilder().setName("shape").setDataType(INT64).addDims(2)
                .addInt64Data(1).addInt64Data(2).build();
        NodeProto reshape = NodeProto.newBuilder().setOpType("Reshape").setName("reshape").addInput("x")
                .addInput("shape").addOutput("y").build();
        GraphProto graph = GraphProto.newBuilder().setName("one-row").addNode(reshape).addInitializer(shape)
                .addInput(OnnxProtos.tensor("x", FLOAT, -1, 2)).addOutput(OnnxProtos.tensor("y", FLOAT, -1, 2))
                .build();
        return OnnxProtos.model(graph, 13, 1, Map.of()).toByteArray();
    }

    private static byte[] graph(String op, String domain, ValueInfoProto input, ValueInfoProto output,
            List<AttributeProto> attributes) {
        NodeProto node = NodeProto.newBuilder().setOpType(op).setDomain(domain).setName(op.toLowerCase())
                .addInput(input.getName()).addOutput(output.getName()).addAllAttribute(attributes).build();
        GraphProto graph = GraphProto.newBuilder().setName("tiny").addNode(node).addInput(input).addOutput(output)
                .build();
        return OnnxProtos.model(graph, 13, 1, Map.of()).toByteArray();
    }
}
