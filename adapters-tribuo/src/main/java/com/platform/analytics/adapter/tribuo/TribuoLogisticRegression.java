package com.platform.analytics.adapter.tribuo;

import static java.util.Objects.requireNonNull;

import com.oracle.labs.mlrg.olcut.util.Pair;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.out.ClassifierTrainer.TrainedClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * A trained Tribuo logistic regression and its ONNX form.
 *
 * <p>Tribuo numbers features by their sorted names, so the ONNX model's input columns are in that order, not the
 * caller's: {@link #signature()} lists the features in the ONNX column order (a request names features, so it never
 * sees the difference), while {@link #probability} takes a row in the caller's order. The output columns are Tribuo's
 * label ids, named by their labels ({@code retained}, {@code churned}) in that order.
 */
final class TribuoLogisticRegression implements TrainedClassifier {
    static final String ALGORITHM = "tribuo-logistic-regression";
    static final String INPUT = "features";
    static final String OUTPUT = "probabilities";
    private static final String ONNX_DOMAIN = "com.platform.analytics.churn";

    private final LinearSGDModel model;
    private final String[] callerOrder;
    private final FeatureStandardization standardization;
    private final Map<String, Object> hyperparameters;
    private final LabelFactory labels = new LabelFactory();
    private final ModelSignature signature;
    private final byte[] onnx;

    TribuoLogisticRegression(LinearSGDModel model, List<String> features, FeatureStandardization standardization,
            Map<String, Object> hyperparameters, long seed) {
        this.model = requireNonNull(model, "model is null");
        this.callerOrder = features.toArray(String[]::new);
        this.standardization = requireNonNull(standardization, "standardization is null");
        this.hyperparameters = Map.copyOf(hyperparameters);
        ImmutableFeatureMap featureIds = model.getFeatureIDMap();
        if (featureIds.size() != callerOrder.length) {
            // every row carries every feature, so Tribuo knows them all; a difference would shift the ONNX columns
            throw new IllegalStateException("Tribuo's model knows " + featureIds.size() + " features of "
                    + callerOrder.length);
        }
        List<String> onnxOrder = new ArrayList<>(callerOrder.length);
        for (int id = 0; id < featureIds.size(); id++) {
            onnxOrder.add(featureIds.get(id).getName());
        }
        String[] outputLabels = new String[model.getOutputIDInfo().size()];
        for (Pair<Integer, Label> idAndLabel : model.getOutputIDInfo()) {
            outputLabels[idAndLabel.getA()] = idAndLabel.getB().getLabel();
        }
        this.signature = new ModelSignature(List.of(new ModelInput(INPUT, TensorType.FLOAT, onnxOrder)),
                List.of(new ModelOutput(OUTPUT, TensorType.FLOAT, Arrays.asList(outputLabels))));
        this.onnx = export(onnxOrder, seed);
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return hyperparameters;
    }

    @Override
    public double probability(double[] row) {
        requireNonNull(row, "row is null");
        if (row.length != callerOrder.length) {
            throw new IllegalArgumentException("a row has " + callerOrder.length + " values, one per feature, not " + row.length);
        }
        ArrayExample<Label> example = new ArrayExample<>(labels.getUnknownOutput(), callerOrder, standardization.apply(row));
        Label churned = model.predict(example).getOutputScores().get(TribuoClassifierTrainer.POSITIVE);
        return churned.getScore();
    }

    @Override
    public byte[] onnx() {
        return onnx.clone();
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    /**
     * Tribuo's own export ({@code exportONNXModel}: the model's graph between a float input and output) with the
     * standardization in front, in the ONNX column order, so the served model takes raw features.
     */
    private byte[] export(List<String> onnxOrder, long modelVersion) {
        float[] mean = new float[onnxOrder.size()];
        float[] scale = new float[onnxOrder.size()];
        List<String> caller = Arrays.asList(callerOrder);
        for (int column = 0; column < onnxOrder.size(); column++) {
            int c = caller.indexOf(onnxOrder.get(column));
            mean[column] = standardization.mean(c);
            scale[column] = standardization.scale(c);
        }
        ONNXContext context = new ONNXContext();
        context.setName("churn-logistic-regression");
        ONNXPlaceholder input = context.floatInput(INPUT, onnxOrder.size());
        ONNXPlaceholder output = context.floatOutput(OUTPUT, model.getOutputIDInfo().size());
        ONNXInitializer means = context.array("feature_mean", mean);
        ONNXInitializer scales = context.array("feature_scale", scale);
        ONNXNode standardized = input.apply(ONNXOperators.SUB, means).apply(ONNXOperators.MUL, scales);
        model.writeONNXGraph(standardized).assignTo(output);
        return ONNXExportable.buildModel(context, ONNX_DOMAIN, modelVersion, model).toByteArray();
    }
}
