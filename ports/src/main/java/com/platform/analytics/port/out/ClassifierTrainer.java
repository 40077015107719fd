package com.platform.analytics.port.out;

import com.platform.analytics.domain.ml.ModelSignature;
import java.util.List;
import java.util.Map;

/**
 * Trains a binary classifier in the JVM and exports it as ONNX (Tribuo in its adapter), for the built-in churn model.
 */
public interface ClassifierTrainer {
    /**
     * @param features the feature names, the columns of every row
     * @param rows the training rows
     * @param positive per row, whether it is the positive class (churned)
     * @param seed the randomness of the trainer, so a training is repeatable
     */
    TrainedClassifier train(List<String> features, List<double[]> rows, boolean[] positive,
            Map<String, Object> hyperparameters, long seed);

    /** A trained model: the trainer's own scoring and its ONNX export, which must agree. */
    interface TrainedClassifier {
        String algorithm();

        Map<String, Object> hyperparameters();

        /** The probability of the positive class by the trainer's own model. */
        double probability(double[] row);

        /** The ONNX model: one float input {@code [batch, features]}, outputs as its {@link #signature()} says. */
        byte[] onnx();

        /** The signature to register the ONNX model with: the features by name, the positive class's probability among the outputs. */
        ModelSignature signature();
    }
}
