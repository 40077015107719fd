package com.platform.analytics.adapter.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a loaded ONNX graph takes and gives, as far as this runtime serves it: every input and output a tensor of
 * float, double, int64 or string elements, shaped {@code [batch]} or {@code [batch, k]} with a dynamic batch and a
 * fixed {@code k}. The input ranks are kept because a {@code [batch]} input must be fed a rank-1 tensor, which the
 * signature (a width of 1 either way) does not say.
 */
record ServedGraph(ModelSignature signature, Map<String, Tensor> inputs, Map<String, Tensor> outputs) {
    /** One tensor of the graph: its element type and its rank (1 or 2). */
    record Tensor(TensorType type, int rank) {
        Tensor {
            requireNonNull(type, "type is null");
        }
    }

    ServedGraph {
        requireNonNull(signature, "signature is null");
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    /**
     * Reads the session's inputs and outputs.
     *
     * @throws UnservableModel naming the input or output this runtime cannot serve, and why
     */
    static ServedGraph of(OrtSession session) throws OrtException {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        List<ModelInput> modelInputs = new ArrayList<>();
        for (NodeInfo node : session.getInputInfo().values()) {
            TensorInfo info = tensor(node, "input");
            Tensor tensor = new Tensor(elementType(node, info, "input"), rank(node, info, "input"));
            int width = width(node, info, "input");
            inputs.put(node.getName(), tensor);
            List<String> features = new ArrayList<>(width);
            if (width == 1) {
                features.add(node.getName());
            } else {
                for (int i = 0; i < width; i++) {
                    features.add(node.getName() + "_" + i);
                }
            }
            modelInputs.add(new ModelInput(node.getName(), tensor.type(), features));
        }
        if (modelInputs.isEmpty()) {
            throw new UnservableModel("the model has no input");
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        List<ModelOutput> modelOutputs = new ArrayList<>();
        for (NodeInfo node : session.getOutputInfo().values()) {
            TensorInfo info = tensor(node, "output");
            Tensor tensor = new Tensor(elementType(node, info, "output"), rank(node, info, "output"));
            outputs.put(node.getName(), tensor);
            List<String> labels = new ArrayList<>();
            if (tensor.rank() == 2) {
                int k = width(node, info, "output");
                for (int i = 0; i < k; i++) {
                    labels.add(Integer.toString(i));
                }
            }
            modelOutputs.add(new ModelOutput(node.getName(), tensor.type(), labels));
        }
        try {
            return new ServedGraph(new ModelSignature(modelInputs, modelOutputs), inputs, outputs);
        } catch (IllegalArgumentException e) {
            // two inputs whose generated feature names collide (an input "a_0" beside an input "a" of width 2)
            throw new UnservableModel(e.getMessage());
        }
    }

    private static TensorInfo tensor(NodeInfo node, String role) {
        ValueInfo info = node.getInfo();
        if (info instanceof TensorInfo tensor) {
            return tensor;
        }
        if (role.equals("output") && info instanceof SequenceInfo sequence && sequence.isSequenceOfMaps()) {
            // skl2onnx's default for classifiers: a ZipMap turning the probability tensor into one map per row
            MapInfo map = sequence.mapInfo;
            throw new UnservableModel("output '" + node.getName() + "' is a sequence of maps (" + map.keyType
                    + " -> " + map.valueType + ", as skl2onnx's ZipMap writes class probabilities), which is not served;"
                    + " export the classifier without ZipMap (skl2onnx: options={id(model): {'zipmap': False}}) so the"
                    + " probabilities are a [batch, classes] tensor");
        }
        throw new UnservableModel(role + " '" + node.getName() + "' is " + info
                + "; only tensors are served");
    }

    private static TensorType elementType(NodeInfo node, TensorInfo info, String role) {
        return switch (info.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> TensorType.FLOAT;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> TensorType.DOUBLE;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> TensorType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> TensorType.STRING;
            default -> throw new UnservableModel(role + " '" + node.getName() + "' holds " + info.onnxType
                    + " elements; served are float, double, int64 and string tensors");
        };
    }

    private static int rank(NodeInfo node, TensorInfo info, String role) {
        long[] shape = info.getShape();
        if (shape.length != 1 && shape.length != 2) {
            throw new UnservableModel(role + " '" + node.getName() + "' has shape " + shape(info)
                    + "; served are [batch] and [batch, k]");
        }
        if (shape[0] >= 0) {
            throw new UnservableModel(role + " '" + node.getName() + "' has shape " + shape(info)
                    + " with a fixed first dimension; the first dimension must be the batch (dynamic: -1 or a name)");
        }
        return shape.length;
    }

    private static int width(NodeInfo node, TensorInfo info, String role) {
        long[] shape = info.getShape();
        if (shape.length == 1) {
            return 1;
        }
        if (shape[1] <= 0 || shape[1] > Integer.MAX_VALUE) {
            throw new UnservableModel(role + " '" + node.getName() + "' has shape " + shape(info)
                    + "; its second dimension must be a fixed number of columns");
        }
        return (int) shape[1];
    }

    private static String shape(TensorInfo info) {
        long[] shape = info.getShape();
        String[] names = info.getDimensionNames();
        List<String> dims = new ArrayList<>(shape.length);
        for (int i = 0; i < shape.length; i++) {
            boolean named = names != null && i < names.length && names[i] != null && !names[i].isEmpty();
            dims.add(shape[i] >= 0 ? Long.toString(shape[i]) : named ? names[i] : "?");
        }
        return "[" + String.join(", ", dims) + "]";
    }

    /** A model this runtime loads but cannot serve: the message names the input or output and what is wrong. */
    static final class UnservableModel extends RuntimeException {
        UnservableModel(String message) {
            super(message);
        }
    }
}
