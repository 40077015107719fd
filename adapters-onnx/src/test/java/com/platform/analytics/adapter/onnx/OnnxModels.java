package com.platform.analytics.adapter.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;

/**
 * Real ONNX models for the tests, written node by node with the ONNX protobuf classes (Tribuo's copy of them): the
 * runtime under test must load and run them as it would a user's file. A dimension given as -1 is the batch,
 * symbolic ({@code "N"}).
 */
final class OnnxModels {
    private OnnxModels() {
    }

    /**
     * {@code p = sigmoid(x·w + b)} on a float input {@code x [N, w.length]}; outputs {@code probabilities [N, 2]}
     * (columns {@code 1 - p, p}) and {@code logit [N]} ({@code x·w + b}).
     */
    static byte[] logisticRegression(float[] w, float b) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("logistic_regression");
        graph.addInput(tensor("x", DataType.FLOAT, -1, w.length));
        graph.addInitializer(floats("w", w, w.length, 1));
        graph.addInitializer(floats("b", new float[] {b}, 1));
        graph.addInitializer(floats("one", new float[] {1f}, 1));
        graph.addInitializer(longs("flat", new long[] {-1}, 1));
        graph.addNode(node("MatMul", List.of("x", "w"), "xw"));
        graph.addNode(node("Add", List.of("xw", "b"), "z"));
        graph.addNode(node("Sigmoid", List.of("z"), "p"));
        graph.addNode(node("Sub", List.of("one", "p"), "q"));
        graph.addNode(node("Concat", List.of("q", "p"), "probabilities").addAttribute(intAttribute("axis", 1)));
        graph.addNode(node("Reshape", List.of("z", "flat"), "logit"));
        graph.addOutput(tensor("probabilities", DataType.FLOAT, -1, 2));
        graph.addOutput(tensor("logit", DataType.FLOAT, -1));
        return model(graph, false);
    }

    /**
     * Two inputs of other types: {@code counts} int64 {@code [N, 2]} and {@code country} string {@code [N]}. Outputs:
     * {@code total} int64 {@code [N]} (the row's sum), {@code code} int64 {@code [N]} (de → 1, fr → 2, us → 3, else
     * -1), {@code halves} double {@code [N, 2]} (the counts halved) and {@code echo} string {@code [N]} (the country).
     */
    static byte[] countsAndCountry() {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("counts_and_country");
        graph.addInput(tensor("counts", DataType.INT64, -1, 2));
        graph.addInput(tensor("country", DataType.STRING, -1));
        graph.addInitializer(longs("columns", new long[] {1}, 1));
        graph.addInitializer(TensorProto.newBuilder().setName("half").setDataType(DataType.DOUBLE_VALUE).addDims(1)
                .addDoubleData(0.5));
        graph.addNode(node("ReduceSum", List.of("counts", "columns"), "total").addAttribute(intAttribute("keepdims", 0)));
        graph.addNode(node("LabelEncoder", List.of("country"), "code").setDomain("ai.onnx.ml")
                .addAttribute(stringsAttribute("keys_strings", "de", "fr", "us"))
                .addAttribute(AttributeProto.newBuilder().setName("values_int64s").setType(AttributeProto.AttributeType.INTS)
                        .addInts(1).addInts(2).addInts(3))
                .addAttribute(intAttribute("default_int64", -1)));
        graph.addNode(node("Cast", List.of("counts"), "counts_double").addAttribute(intAttribute("to", DataType.DOUBLE_VALUE)));
        graph.addNode(node("Mul", List.of("counts_double", "half"), "halves"));
        graph.addNode(node("Identity", List.of("country"), "echo"));
        graph.addOutput(tensor("total", DataType.INT64, -1));
        graph.addOutput(tensor("code", DataType.INT64, -1));
        graph.addOutput(tensor("halves", DataType.DOUBLE, -1, 2));
        graph.addOutput(tensor("echo", DataType.STRING, -1));
        return model(graph, true);
    }

    /** A double input {@code v [N, 3]}; output {@code sum [N, 1]}, the row's sum. */
    static byte[] doubleSum() {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("double_sum");
        graph.addInput(tensor("v", DataType.DOUBLE, -1, 3));
        graph.addInitializer(longs("columns", new long[] {1}, 1));
        graph.addNode(node("ReduceSum", List.of("v", "columns"), "sum").addAttribute(intAttribute("keepdims", 1)));
        graph.addOutput(tensor("sum", DataType.DOUBLE, -1, 1));
        return model(graph, false);
    }

    /** An identity on an input of the given type and shape. */
    static byte[] identity(DataType type, long... shape) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("identity");
        graph.addInput(tensor("in", type, shape));
        graph.addNode(node("Identity", List.of("in"), "out"));
        graph.addOutput(tensor("out", type, shape));
        return model(graph, false);
    }

    /** An identity whose second dimension is symbolic too ({@code [N, M]}): the number of columns is unknown. */
    static byte[] unknownWidth() {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("unknown_width");
        TypeProto.Tensor.Builder type = TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT_VALUE)
                .setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("M")));
        graph.addInput(ValueInfoProto.newBuilder().setName("in").setType(TypeProto.newBuilder().setTensorType(type)));
        graph.addNode(node("Identity", List.of("in"), "out"));
        graph.addOutput(tensor("out", DataType.FLOAT, -1, -1));
        return model(graph, false);
    }

    /**
     * What skl2onnx writes for a classifier by default: the probabilities {@code [N, 2]} turned by a ZipMap into a
     * sequence of maps class → probability ({@code output_probability}), beside the label tensor.
     */
    static byte[] zipMapClassifier() {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("zipmap_classifier");
        graph.addInput(tensor("x", DataType.FLOAT, -1, 2));
        graph.addNode(node("Softmax", List.of("x"), "probabilities").addAttribute(intAttribute("axis", 1)));
        graph.addNode(node("ArgMax", List.of("x"), "output_label").addAttribute(intAttribute("axis", 1))
                .addAttribute(intAttribute("keepdims", 0)));
        graph.addNode(node("ZipMap", List.of("probabilities"), "output_probability").setDomain("ai.onnx.ml")
                .addAttribute(AttributeProto.newBuilder().setName("classlabels_int64s")
                        .setType(AttributeProto.AttributeType.INTS).addInts(0).addInts(1)));
        graph.addOutput(tensor("output_label", DataType.INT64, -1));
        TypeProto map = TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder().setKeyType(DataType.INT64_VALUE)
                .setValueType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(DataType.FLOAT_VALUE)))).build();
        graph.addOutput(ValueInfoProto.newBuilder().setName("output_probability").setType(TypeProto.newBuilder()
                .setSequenceType(TypeProto.Sequence.newBuilder().setElemType(map))));
        return model(graph, true);
    }

    private static byte[] model(GraphProto.Builder graph, boolean ml) {
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("analytics-service-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13));
        if (ml) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(2));
        }
        return model.setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto tensor(String name, DataType type, long... shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (long d : shape) {
            dims.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(dims))).build();
    }

    private static NodeProto.Builder node(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addAllInput(inputs).addOutput(output);
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static TensorProto longs(String name, long[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataType.INT64_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto stringsAttribute(String name, String... values) {
        List<ByteString> bytes = new ArrayList<>();
        for (String v : values) {
            bytes.add(ByteString.copyFromUtf8(v));
        }
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS)
                .addAllStrings(bytes).build();
    }
}
