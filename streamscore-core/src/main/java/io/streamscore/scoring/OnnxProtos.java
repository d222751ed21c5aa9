package io.streamscore.scoring;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small builders over ONNX's protobuf classes (from Tribuo's ONNX module) for the graphs Streamscore writes. */
final class OnnxProtos {
    /** ONNX IR version 8 (ONNX 1.10), read by every ONNX Runtime since 1.10. */
    static final long IR_VERSION = 8;
    static final String ML_DOMAIN = "ai.onnx.ml";

    private OnnxProtos() {
    }

    /** A tensor value of {@code elementType} ({@code TensorProto.DataType}); a negative dimension is symbolic "N". */
    static ValueInfoProto tensor(String name, int elementType, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    static AttributeProto ints(String name, List<Long> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS).addAllInts(values).build();
    }

    static AttributeProto floats(String name, List<Float> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS).addAllFloats(values).build();
    }

    static AttributeProto strings(String name, List<String> values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
        values.forEach(value -> attribute.addStrings(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        return attribute.build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    /** A model around {@code graph} importing the default domain at {@code opset} and ai.onnx.ml at {@code mlOpset}. */
    static ModelProto model(GraphProto graph, int opset, int mlOpset, Map<String, String> metadata) {
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("streamscore")
                .setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(mlOpset));
        metadata.forEach((key, value) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }
}
